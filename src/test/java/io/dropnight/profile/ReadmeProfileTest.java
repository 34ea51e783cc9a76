package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile the README shows is one the reader accepts, saying what the README says it does. */
class ReadmeProfileTest {
    @Test
    void theReadmesProfileReads(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Rehearse your own service");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve("accounts.csv"), "username,password\nada,pw-1\n");
        Path file = Files.writeString(dir.resolve("my-staging.yml"), yaml);

        TargetProfile p = ProfileReader.read(file, Map.of("STAGING_API_KEY", "k-123456")::get);
        assertEquals("my-staging", p.name());
        assertEquals(List.of("username", "password"), p.accounts().orElseThrow().columns());
        assertEquals("k-123456", p.headers().get("X-Api-Key"));
        assertEquals(List.of("STAGING_API_KEY"), p.secrets().names());
        assertTrue(p.session().orElseThrow().captures().containsKey("csrf"));
        assertTrue(p.locked().orElseThrow().json().isPresent() && p.errorPage().json().isPresent());
        assertEquals(List.of("login", "home", "artwork", "title", "play", "manifest"),
                p.journey().stream().map(JourneyStep::name).toList());
        assertEquals("https://cdn.staging.example.internal/img/#{titleId}/logo.png",
                p.address(p.step("artwork").orElseThrow().parallel().get(0)));
        assertTrue(p.step("manifest").orElseThrow().call().absolute());
    }

    /** docs/YOUR-SERVICE.md shows the built-in journey in flow style: it is the same journey. */
    @Test
    void theGuidesJourneyIsTheBuiltInOne() throws Exception {
        String guide = Files.readString(Path.of("docs/YOUR-SERVICE.md"));
        int start = guide.indexOf("```yaml\n") + "```yaml\n".length();
        TargetProfile shown = ProfileReader.parse("YOUR-SERVICE.md", guide.substring(start, guide.indexOf("```", start)));
        assertEquals(TargetProfile.builtIn().journey(), shown.journey());
        assertEquals(TargetProfile.builtIn().headers(), shown.headers());
        assertEquals(TargetProfile.builtIn().errorPage(), shown.errorPage());
    }
}
