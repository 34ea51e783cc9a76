package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error page and a locked answer told apart by a JMESPath predicate on a JSON answer (a GraphQL
 * service answers 200 for both, with errors), and the error page given as a list of criteria.
 */
class ErrorPageReaderTest {
    private static String profile(String errorPage, String locked) {
        return """
                name: graphql
                home:  { method: POST, path: /graphql, body: '{"query":"{ home }"}', save: { titleId: data.home.id, finalEpisodeId: data.home.last } }
                title: { method: POST, path: /graphql, body: '{"query":"{ title }"}' }
                play:  { method: POST, path: /graphql, body: '{"query":"mutation { play }"}', locked: %s }
                errorPage: %s
                """.formatted(locked, errorPage);
    }

    @Test
    void anyListsCriteriaOfEachKindAndJsonPredicatesAreKept() {
        TargetProfile p = ProfileReader.parse("g.yml", profile("\n  any:\n    - { status: [502, 503] }\n"
                        + "    - { json: \"errors[?extensions.code=='RATE_LIMITED'] | [0]\" }\n    - { bodyContains: something-went-wrong }",
                "{ status: 200, json: \"errors[?extensions.code=='NOT_YET_AVAILABLE'] | [0]\" }"));
        assertEquals(new ErrorPageSpec(Optional.of("something-went-wrong"), Set.of(502, 503), Optional.empty(),
                Optional.of("errors[?extensions.code=='RATE_LIMITED'] | [0]")), p.errorPage());
        assertEquals(Optional.of("errors[?extensions.code=='NOT_YET_AVAILABLE'] | [0]"), p.locked().orElseThrow().json());
        assertEquals(200, p.locked().orElseThrow().status());
    }

    @Test
    void theFlatFormTakesJsonToo() {
        TargetProfile p = ProfileReader.parse("g.yml", profile("{ json: 'errors[0]', statuses: [503] }", "{ status: 403 }"));
        assertEquals(Optional.of("errors[0]"), p.errorPage().json());
        assertEquals(Set.of(503), p.errorPage().statuses());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{ any: [ { json: 'errors[0]' }, { json: 'errors[1]' } ] }|errorPage.any[1]: a second json: give each kind once (statuses as one list)",
        "{ any: [ { json: 'errors[0]', status: [503] } ] }|errorPage.any[0]: must be one criterion: one of [bodyContains, statuses, status, header, json]",
        "{ any: [] }|errorPage.any: must be a list of criteria, such as [ {status: [503]}, {json: 'errors[0]'} ]",
        "{ json: 'errors[?code==`#{titleId}`]' }|errorPage.json: reads the answer only: no #{name} here",
        "{ json: 'errors[' }|errorPage.json: JMESPath 'errors[' does not compile",
    })
    void aCriterionThatCannotWorkIsOneLine(String errorPage, String rule) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("g.yml", profile(errorPage, "{ status: 403 }")));
        assertTrue(e.getMessage().startsWith("profile g.yml: " + rule), e.getMessage());
    }

    @Test
    void truthIsJmesPaths() {
        for (Object v : new Object[] {"{\"code\":\"RATE_LIMITED\"}", "[1]", "true", "x", 0}) {
            assertTrue(ErrorPageSpec.truthy(v), String.valueOf(v));
        }
        for (Object v : new Object[] {null, "", "false", "null", "[]", "{}", "\"\""}) {
            assertFalse(ErrorPageSpec.truthy(v), String.valueOf(v));
        }
    }
}
