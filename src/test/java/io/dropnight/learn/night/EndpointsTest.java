package io.dropnight.learn.night;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An endpoint is its method and its path with ids as {id}: a segment holding a digit, unless it is a version. */
class EndpointsTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /v2/shows/42, GET /v2/shows/{id}", "GET, /v2/shows/show-7c1e, GET /v2/shows/{id}",
        "POST, /v2/watch/w-e108/ping, POST /v2/watch/{id}/ping", "GET, /, GET /", "GET, /api/home, GET /api/home",
        "GET, /api/V10/titles/3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03, GET /api/V10/titles/{id}", "GET, /v12345/x, GET /{id}/x",
        "GET, //a//1, GET //a//{id}"})
    void idsAreFolded(String method, String path, String endpoint) {
        assertEquals(endpoint, new Endpoints().name(method, path));
    }

    @Test
    void pastSixtyFourEndpointsTheRestAreCountedTogether() {
        Endpoints e = new Endpoints();
        for (int i = 0; i < Endpoints.MAX; i++) {
            assertEquals(i, e.idOf("GET", "/page-" + (char) ('a' + i % 26) + (char) ('a' + i / 26)));
        }
        assertEquals(Endpoints.OTHER_ID, e.idOf("GET", "/one-more"));
        assertEquals(5, e.idOf("GET", "/page-fa"));
        assertEquals(Endpoints.MAX, e.names().size());
    }

    @Test
    void aLineBreakInAPathCannotReachACommentOrAPage() {
        assertEquals("GET /a?b", new Endpoints().name("GET", "/a\nb"));
    }
}
