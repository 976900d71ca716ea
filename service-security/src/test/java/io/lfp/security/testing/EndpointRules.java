package io.lfp.security.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import io.lfp.security.Roles;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A service's role matrix: one rule per endpoint (the lowest role that may call it, and what that role gets), checked
 * against the endpoints the service really has ({@link #assertCovers}) and then, per endpoint, without a token, with
 * a bad token, with a token without any project role, with the role just below, and with the role itself. Needs
 * {@link TestTokens.Resource} on the test class.
 */
public final class EndpointRules {

    /** The exact 401 body every service sends. */
    public static final String UNAUTHORIZED_BODY = "{\"error\":\"Unauthorized\",\"detail\":\"Sign in first: this request "
            + "needs a valid OIDC bearer token (Authorization: Bearer ...)\"}";
    /** The exact 403 body of a role that is too low. */
    public static final String FORBIDDEN_BODY = "{\"error\":\"Forbidden\",\"detail\":\"Your roles do not allow this request\"}";
    /** A role the provider may give that is none of the project's. */
    public static final String OTHER_ROLE = "offline_access";

    private final List<Rule> rules;

    private EndpointRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static EndpointRules of(Rule... rules) {
        return new EndpointRules(List.of(rules));
    }

    /** A rule: the lowest role that may call METHOD PATH (the path template as in the resource). */
    public static Rule rule(String method, String path, String role) {
        if (!Roles.HIERARCHY.contains(role)) {
            throw new IllegalArgumentException("Not a project role: " + role);
        }
        return new Rule(new Endpoint(method, path), role, path, UnaryOperator.identity(), null);
    }

    /**
     * Fails unless the rules name exactly these endpoints, one rule per resource method: a new endpoint needs a
     * rule, a removed one loses it.
     */
    public void assertCovers(List<Endpoint> endpoints) {
        List<Endpoint> ruled = new ArrayList<>();
        for (Rule rule : rules) {
            ruled.add(rule.endpoint());
        }
        Collections.sort(ruled);
        List<Endpoint> expected = new ArrayList<>(endpoints);
        Collections.sort(expected);
        assertEquals(expected, ruled, "every endpoint (resource method) needs exactly one rule in the role matrix");
    }

    /** Every check of every rule, for a JUnit {@code @TestFactory}. */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : rules) {
            tests.add(DynamicTest.dynamicTest(rule.endpoint() + ": no token -> 401", () -> rule.send(null)
                    .statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                    .body(equalTo(UNAUTHORIZED_BODY))));
            tests.add(DynamicTest.dynamicTest(rule.endpoint() + ": bad token -> 401", () -> rule.send("Bearer not-a-token")
                    .statusCode(401).body(equalTo(UNAUTHORIZED_BODY))));
            tests.add(DynamicTest.dynamicTest(rule.endpoint() + ": no project role -> 403", () -> rule
                    .send(TestTokens.bearer("matrix-nobody", OTHER_ROLE)).statusCode(403).body(equalTo(FORBIDDEN_BODY))));
            Roles.below(rule.role()).ifPresent(below -> tests.add(DynamicTest.dynamicTest(
                    rule.endpoint() + ": " + below + " -> 403", () -> rule
                            .send(TestTokens.bearer("matrix-" + below, below)).statusCode(403)
                            .body(equalTo(FORBIDDEN_BODY)))));
            tests.add(DynamicTest.dynamicTest(rule.endpoint() + ": " + rule.role() + " -> allowed", () -> rule.allowedCheck()
                    .accept(rule.send(TestTokens.bearer("matrix-" + rule.role(), rule.role())))));
        }
        return tests.stream();
    }

    /**
     * @param endpoint the endpoint as the resource declares it
     * @param role the lowest role that may call it
     * @param target the path actually requested (path parameters filled in)
     * @param request what else the request carries (body, content type, query)
     * @param allowed what the role gets: the exact status and body
     */
    public record Rule(Endpoint endpoint, String role, String target, UnaryOperator<RequestSpecification> request,
            Consumer<ValidatableResponse> allowed) {

        /** The path to request, e.g. with an unknown id filled in. */
        public Rule at(String concretePath) {
            return new Rule(endpoint, role, concretePath, request, allowed);
        }

        /** Adds a body, content type or query parameters to every request of this rule. */
        public Rule with(UnaryOperator<RequestSpecification> spec) {
            return new Rule(endpoint, role, target, spec, allowed);
        }

        /** What the role gets, e.g. {@code r -> r.statusCode(404).body(equalTo("{...}"))}. */
        public Rule allowed(Consumer<ValidatableResponse> check) {
            return new Rule(endpoint, role, target, request, check);
        }

        /** The role gets exactly this status and body. */
        public Rule allowed(int status, String body) {
            return allowed(r -> r.statusCode(status).body(equalTo(body)));
        }

        Consumer<ValidatableResponse> allowedCheck() {
            return Objects.requireNonNull(allowed, () -> endpoint + " has no allowed(...) answer");
        }

        ValidatableResponse send(String authorization) {
            RequestSpecification spec = request.apply(given());
            if (authorization != null) {
                spec = spec.header("Authorization", authorization);
            }
            return spec.when().request(endpoint.method(), target).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY");
        }
    }
}
