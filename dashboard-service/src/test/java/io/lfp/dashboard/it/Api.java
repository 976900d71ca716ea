package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dashboard's JSON API as the tests read it: a 200 JSON body, compared as JSON rather than as text. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    /** The body of GET {@code url}, which must answer 200 with JSON. */
    static String get(String url) {
        return given().get(url).then().statusCode(200).contentType("application/json").extract().asString();
    }

    /** {@code actual} is the JSON {@code expected}, whatever the order of keys and the white space. */
    static void assertJson(String expected, String actual) {
        try {
            assertEquals(JSON.readTree(expected), JSON.readTree(actual), actual);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
