package io.dropnight.runfolder;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What serve prints is what the launcher reads back, and nothing else is taken for it. */
class ReadyLineTest {

    @Test
    void theLineServePrintsIsTheAddressTheLauncherReads() {
        assertEquals("Dropnight listening on http://127.0.0.1:41237", ReadyLine.of("127.0.0.1", 41237));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:41237")), ReadyLine.parse(ReadyLine.of("127.0.0.1", 41237)));
        assertEquals(Optional.empty(), ReadyLine.parse("run folder /tmp/x; drop at 2026-12-07T02:00:00Z; policy fixed"));
        assertEquals(Optional.empty(), ReadyLine.parse("Bare hello listening on http://127.0.0.1:1"));
    }
}
