package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile's accounts: read and checked before the night, shared out disjointly between injectors. */
class AccountsTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("accounts.csv"), text);
    }

    private String profile(String accounts) {
        return "name: staging\n" + accounts + """
                session: { method: POST, path: /login, body: '{"user":"#{username}","password":"#{password}"}', save: { token: token } }
                home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
                title: { path: '/titles/#{titleId}' }
                play:  { method: POST, path: '/play/#{episodeId}' }
                """;
    }

    private TargetProfile read(String accounts) throws Exception {
        Path file = Files.writeString(dir.resolve("staging.yml"), profile(accounts));
        return ProfileReader.read(file, name -> null);
    }

    @Test
    void theHeaderNamesWhatAJourneyMayUseAndTheFileIsFoundBesideTheProfile() throws Exception {
        csv("username,password\nada,pw-1\nbob,pw-2\n\ncy,pw-3\n");
        Accounts a = read("accounts: { csv: accounts.csv, strategy: circular }\n").accounts().orElseThrow();
        assertEquals(List.of("username", "password"), a.columns());
        assertEquals(3, a.rows().size(), "an empty line is skipped");
        assertEquals(Map.of("username", "bob", "password", "pw-2"), a.rows().get(1));
        assertEquals(Accounts.Strategy.CIRCULAR, a.strategy());
        assertEquals(Accounts.Strategy.QUEUE, read("accounts: { csv: accounts.csv }\n").accounts().orElseThrow().strategy(),
                "queue unless told");
    }

    @Test
    void withoutAccountsAJourneyCannotUseTheirNames() {
        ProfileException e = assertThrows(ProfileException.class, () -> read(""));
        assertTrue(e.getMessage().contains("session.body: #{username} is not saved by an earlier step"), e.getMessage());
    }

    @Test
    void sharesAreDisjointAndTogetherAreTheFile() throws Exception {
        StringBuilder text = new StringBuilder("username,password\n");
        for (int i = 0; i < 10; i++) {
            text.append("u").append(i).append(",p").append(i).append('\n');
        }
        csv(text.toString());
        Accounts all = read("accounts: { csv: accounts.csv }\n").accounts().orElseThrow();
        Set<Map<String, String>> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < 3; i++) {
            Accounts share = all.share(i, 3);
            total += share.rows().size();
            share.rows().forEach(r -> assertTrue(seen.add(r), "an account in two shares: " + r));
        }
        assertEquals(10, total);
        assertEquals(List.of(4, 3, 3), List.of(all.share(0, 3).rows().size(), all.share(1, 3).rows().size(),
                all.share(2, 3).rows().size()));
        assertEquals(all, all.share(0, 1));
    }

    @Test
    void aQueueNeedsARowPerViewerOthersReuse() throws Exception {
        csv("username,password\nada,pw-1\nbob,pw-2\n");
        Accounts queue = read("accounts: { csv: accounts.csv, strategy: queue }\n").accounts().orElseThrow();
        assertEquals(Optional.empty(), queue.shortOf(2, "the night"));
        assertEquals(Optional.of("accounts " + dir.resolve("accounts.csv") + ": 2 rows for injector 2 of 3's share, which starts"
                        + " 620 viewers; strategy queue signs each account in once: add rows, or use strategy circular (accounts reused)"),
                queue.shortOf(620, "injector 2 of 3's share"));
        Accounts circular = read("accounts: { csv: accounts.csv, strategy: circular }\n").accounts().orElseThrow();
        assertEquals(Optional.empty(), circular.shortOf(620, "the night"));
    }

    @Test
    void badFilesAreOneLineNamingTheKeyAndTheRule() throws Exception {
        assertRefused("accounts: { csv: missing.csv }\n", "accounts.csv: " + dir.resolve("missing.csv") + " does not exist");
        csv("username,password\n");
        assertRefused("accounts: { csv: accounts.csv }\n", "accounts.csv: " + dir.resolve("accounts.csv") + " has a header but no account");
        csv("user name,password\nada,pw\n");
        assertRefused("accounts: { csv: accounts.csv }\n", "is not a session name");
        csv("username,userId\nada,7\n");
        assertRefused("accounts: { csv: accounts.csv }\n", "column 'userId' is set by the journey itself");
        csv("username,password\nada\n");
        assertRefused("accounts: { csv: accounts.csv }\n", "line 2: every row needs a value in each of the 2 columns [username, password]");
        csv("username,password\nada,pw\n");
        assertRefused("accounts: { csv: accounts.csv, strategy: shuffle }\n", "accounts.strategy: 'shuffle' is not one of queue, circular, random");
        assertRefused("accounts: { file: accounts.csv }\n", "accounts.file: unknown key (allowed here: [csv, strategy])");
    }

    private void assertRefused(String accounts, String part) {
        ProfileException e = assertThrows(ProfileException.class, () -> read(accounts));
        assertTrue(e.getMessage().startsWith("profile " + dir.resolve("staging.yml") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
