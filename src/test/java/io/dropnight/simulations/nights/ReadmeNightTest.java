package io.dropnight.simulations.nights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's and docs/NIGHTS.md's night files read as they say. */
class ReadmeNightTest {
    private static String yaml(Path doc, String section) throws Exception {
        String text = Files.readString(doc);
        int start = text.indexOf("```yaml\n", text.indexOf(section)) + "```yaml\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    @Test
    void theReadmesNightHasATvAndAWebPopulation(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("docs/profiles/dropnight.yml"), dir.resolve("tv-app.yml"));
        for (String[] doc : List.of(new String[] {"README.md", "## Describe your night"}, new String[] {"docs/NIGHTS.md", "# Night files"})) {
            NightFile night = NightReader.read(Files.writeString(dir.resolve("my-premiere.yml"), yaml(Path.of(doc[0]), doc[1])));
            assertEquals(List.of("tv", "web"), night.populations().stream().map(NightFile.PopulationSpec::name).toList(), doc[0]);
            assertEquals(Optional.of(6_000_000L), night.audience(), doc[0]);
            assertEquals(12_425, night.viewersAtScaleOne(), doc[0] + ": the finale drop's viewers, as the docs' figures say");
            assertEquals(Optional.of(dir.resolve("tv-app.yml")), night.populations().get(0).journey().map(Path::normalize), doc[0]);
        }
    }
}
