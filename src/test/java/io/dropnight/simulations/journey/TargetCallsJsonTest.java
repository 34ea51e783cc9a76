package io.dropnight.simulations.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call's JMESPath reads are asked as one multi-select hash (one JSON parse per answer) and kept
 * as Gatling's separate jmesPath checks kept them. The expressions are evaluated here with the
 * JMESPath runtime Gatling itself uses (io.burt, Jackson), the result converted to plain Java as
 * Gatling's {@code ofMap()} does.
 */
class TargetCallsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JacksonRuntime JMESPATH = new JacksonRuntime();

    private static final String HOME = """
            {"featured": {"titleId": 42, "finalEpisodeId": 108, "dropAt": "2026-12-06T03:11:13Z", "name": "x"}}""";
    private static final String TITLE = """
            {"seasons": [{"episodes": [{"id": 1, "available": true}]},
                         {"episodes": [{"id": 107, "available": true}, {"id": 108, "available": false}]}]}""";

    private static Map<String, Object> ask(String expression, String body) throws Exception {
        Expression<JsonNode> e = JMESPATH.compile(expression);
        JsonNode result = e.search(JSON.readTree(body));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(result, Map.class);
        return map;
    }

    @Test
    void aRequestWhoseNameTheSessionLacksIsTheHarnessesNotSent() {
        TargetProfile p = TargetProfile.builtIn();
        TargetCalls calls = new TargetCalls(p);
        // play: POST /api/playback/#{episodeId}, with the session's bearer token in the headers
        assertEquals("token", calls.missingName(java.util.Set.of("episodeId")::contains, p.play()));
        assertEquals("episodeId", calls.missingName(java.util.Set.of("token", "userId")::contains, p.play()));
        assertNull(calls.missingName(java.util.Set.of("token", "episodeId", "userId")::contains, p.play()));
        // session: the shared headers are not sent on it, so it needs no token
        assertNull(calls.missingName(java.util.Set.of("userId")::contains, p.session().orElseThrow()));
    }

    @Test
    void theBuiltInProfileReadsEachAnswerWithOneJmesPathCheck() throws Exception {
        TargetProfile p = TargetProfile.builtIn();
        TargetCalls calls = new TargetCalls(p);

        TargetCalls.JsonReads home = TargetCalls.JsonReads.of(p.step("home").orElseThrow().call(), p);
        assertTrue(home.combined());
        String homeExpression = TargetCalls.JsonReads.expression(home.values(), name -> null);
        assertEquals("{\"titleId\": to_string(not_null((featured.titleId), 'dropnight:not-found')), "
                + "\"finalEpisodeId\": to_string(not_null((featured.finalEpisodeId), 'dropnight:not-found')), "
                + "\"dropAt\": to_string(not_null((featured.dropAt), 'dropnight:not-found'))}", homeExpression);
        // An answer without the values (a JSON error body): nothing kept, and no null in the hash
        // (Gatling's Map.of conversion would crash on one).
        Map<String, Object> empty = ask(homeExpression, "{\"error\": \"something-went-wrong\"}");
        assertFalse(empty.containsValue(null), empty.toString());
        assertTrue(home.kept(empty).isEmpty());
        Map<String, Object> kept = home.kept(ask(homeExpression, HOME));
        // What jmesPath(e).optional().saveAs(..) kept: text as is, a number as its JSON text.
        assertEquals(Map.of("found.titleId", "42", "found.finalEpisodeId", "108", "found.dropAt", "2026-12-06T03:11:13Z"), kept);

        TargetCalls.JsonReads title = TargetCalls.JsonReads.of(p.title(), p);
        assertTrue(title.combined());
        String titleExpression = TargetCalls.JsonReads.expression(title.values(), name -> name.equals("finalEpisodeId") ? "108" : null);
        assertTrue(titleExpression.contains("[?id==`108`]"), titleExpression);
        Map<String, Object> titleKept = title.kept(ask(titleExpression, TITLE));
        assertEquals(List.of(107, 108), titleKept.get("found.episodeIds"));
        assertEquals(Boolean.FALSE, titleKept.get(TargetCalls.FINAL_AVAILABLE));

        // Without finalEpisodeId in the session only finalAvailable is not found; episodeIds still is.
        String noFinal = TargetCalls.JsonReads.expression(title.values(), name -> null);
        Map<String, Object> partly = title.kept(ask(noFinal, TITLE));
        assertEquals(List.of(107, 108), partly.get("found.episodeIds"));
        assertFalse(partly.containsKey(TargetCalls.FINAL_AVAILABLE));

        // The heartbeat saves nothing and has no condition: no JSON check at all.
        TargetCalls.JsonReads beat = TargetCalls.JsonReads.of(p.heartbeat().orElseThrow(), p);
        assertFalse(beat.combined());


        // The answer names are built once per call, and name the one check's attribute.
        assertSame(calls.answerNames(p.title()), calls.answerNames(p.title()));
        assertTrue(List.of(calls.answerNames(p.title())).contains(TargetCalls.JSON_FOUND));
        assertTrue(List.of(calls.answerNames(p.title())).contains("found.episodeIds"));
    }


    @Test
    void notFoundValuesAndOtherKindsAreKeptAsTheSeparateChecksKeptThem() {
        assertNull(TargetCalls.Kind.TEXT.keep(null));
        assertNull(TargetCalls.Kind.TEXT.keep(TargetCalls.NOT_FOUND));
        assertEquals("{\"a\":1}", TargetCalls.Kind.TEXT.keep("{\"a\":1}"));
        assertNull(TargetCalls.Kind.LIST.keep("not a list"));
        assertEquals(List.of(1, 2), TargetCalls.Kind.LIST.keep("[1,2]"));
        assertNull(TargetCalls.Kind.BOOLEAN.keep("yes"));
        assertEquals(Boolean.TRUE, TargetCalls.Kind.BOOLEAN.keep("true"));
        assertEquals(Boolean.FALSE, TargetCalls.Kind.BOOLEAN.keep("false"));
    }

    @Test
    void aProfileWithGatlingElFunctionsKeepsOneCheckPerJmesPath() {
        TargetProfile p = ProfileReader.parse("el.yml", """
                name: el
                home:  { path: /home, save: { finalEpisodeId: 'show.last', titleId: 'shows[?id==`#{randomInt()}`] | [0]' } }
                title: { path: /show }
                play:  { method: POST, path: '/watch/#{episodeId}' }
                """);
        TargetCalls.JsonReads home = TargetCalls.JsonReads.of(p.step("home").orElseThrow().call(), p);
        assertFalse(home.combined());
        TargetCalls.JsonReads title = TargetCalls.JsonReads.of(p.title(), p);
        assertFalse(title.combined(), "nothing to read");
        assertArrayEquals(new TargetCalls(p).answerNames(p.step("home").orElseThrow().call()), new TargetCalls(p).answerNames(p.step("home").orElseThrow().call()));
    }

    @Test
    void quotesInASaveNameAreEscapedInTheHash() throws Exception {
        List<TargetCalls.Read> values = List.of(new TargetCalls.Read("a\"b", "found.a\"b", TargetCalls.Kind.TEXT, "x"));
        String e = TargetCalls.JsonReads.expression(values, null);
        assertEquals("{\"a\\\"b\": to_string(not_null((x), 'dropnight:not-found'))}", e);
        assertEquals(Map.of("a\"b", "1"), ask(e, "{\"x\": \"1\"}"));
    }

    @Test
    void theSplitTemplateRendersWhatTheExpressionGivesForEveryLookup() {
        List<TargetCalls.Read> values = List.of(
                new TargetCalls.Read("plain", "found.plain", TargetCalls.Kind.TEXT, "a.b"),
                new TargetCalls.Read("one", "found.one", TargetCalls.Kind.BOOLEAN, "eps[?id==`#{finalEpisodeId}`] | [0].available"),
                new TargetCalls.Read("two", "found.two", TargetCalls.Kind.TEXT, "#{x}.y[#{n}]"),
                new TargetCalls.Read("q\"k", "found.q", TargetCalls.Kind.TEXT, "z"));
        TargetCalls.Template t = TargetCalls.Template.of(values);
        List<Map<String, Object>> sessions = List.of(Map.of(), Map.of("finalEpisodeId", 108L),
                Map.of("x", "s", "n", 3), Map.of("finalEpisodeId", "a$b\\c", "x", "s"),
                Map.of("finalEpisodeId", 7, "x", "s", "n", 0));
        for (Map<String, Object> session : sessions) {
            assertEquals(TargetCalls.JsonReads.expression(values, session::get), t.render(session::get), session.toString());
        }
        assertEquals("{\"plain\": to_string(not_null((a.b), 'dropnight:not-found')), "
                + "\"one\": to_string(not_null((eps[?id==`108`] | [0].available), 'dropnight:not-found')), "
                + "\"two\": to_string(not_null((null), 'dropnight:not-found')), "
                + "\"q\\\"k\": to_string(not_null((z), 'dropnight:not-found'))}", t.render(Map.of("finalEpisodeId", 108)::get));
    }

    @Test
    void aListOfIdsIsReadWithoutJacksonExactlyAsJacksonReadsIt() throws Exception {
        for (String json : List.of("[]", "[ ]", "[107,108]", "[1, 2 ,3]", "[-0]", "[-7,0,2147483647,2147483648,-2147483649]",
                "[123456789012345678]", "[ 42 ]")) {
            List<Object> fast = TargetCalls.Kind.integers(json);
            assertEquals(JSON.readValue(json, List.class), fast, json);
            assertEquals(JSON.readValue(json, List.class).stream().map(Object::getClass).toList(),
                    fast.stream().map(Object::getClass).toList(), json + ": Integer where it fits, else Long");
            assertEquals(fast, TargetCalls.Kind.LIST.keep(json), json);
        }
        // Anything else is left to Jackson: strings, fractions, nesting, long numbers, bad JSON.
        for (String json : List.of("[\"a\"]", "[1.5]", "[[1]]", "[1,]", "[,1]", "[01]", "[1 2]", "[-]", "[1234567890123456789]",
                "[1e3]", "[", "1", "[true]", "[1,null]")) {
            assertNull(TargetCalls.Kind.integers(json), json);
        }
        assertEquals(List.of("a", 1.5), TargetCalls.Kind.LIST.keep("[\"a\", 1.5]"));
        assertEquals(List.of(1234567890123456789L), TargetCalls.Kind.LIST.keep("[1234567890123456789]"));
        assertNull(TargetCalls.Kind.LIST.keep("[1,]"), "not JSON: nothing kept, as before");
    }
}
