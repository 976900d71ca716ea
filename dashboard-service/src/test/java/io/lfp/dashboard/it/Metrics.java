package io.lfp.dashboard.it;

import io.quarkus.test.common.http.TestHTTPResourceManager;

import static io.restassured.RestAssured.given;

/** Reads one counter from /q/metrics on the management interface, as Prometheus would. */
final class Metrics {

    private Metrics() {
    }

    /** {@code path} (e.g. /q/metrics) on the management interface of the running test application. */
    static String management(String path) {
        String root = TestHTTPResourceManager.getManagementUri();
        return (root.endsWith("/q") ? root.substring(0, root.length() - 2) : root) + path;
    }

    /** The value of {@code name} whose labels include all of {@code labels} (k="v" pairs), 0 if absent. */
    static double counter(String name, String... labels) {
        String text = given().get(management("/q/metrics")).then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String label : labels) {
                all &= labelPart.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
