package io.dropnight.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A step that sends an HTML form (a form login) instead of a JSON body. */
class FormReaderTest {
    private static String profile(String session) {
        return SessionProfiles.withSession(session, null);
    }

    @Test
    void fieldsKeepTheirOrderNamesAndSecrets() {
        CallSpec session = ProfileReader.parse("p.yml", profile("{ method: POST, path: /login, form: { user: 'v#{userId}',"
                + " password: '${env:PASS}', remember: true } }"), Map.of("PASS", "s3cret-pass")::get).session().orElseThrow();
        assertEquals(List.of("user", "password", "remember"), List.copyOf(session.form().keySet()));
        assertEquals("s3cret-pass", session.form().get("password"));
        assertEquals("true", session.form().get("remember"));
    }

    @Test
    void aFormBesideABodyOrWithAnUnknownNameIsRefused() {
        assertEquals("profile p.yml: session.form: a step sends a JSON body or a form, not both",
                assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml",
                        profile("{ method: POST, path: /login, body: '{}', form: { user: u } }"))).getMessage());
        assertEquals("profile p.yml: session.form.user: #{username} is not saved by an earlier step (known here: [userId])",
                assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml",
                        profile("{ method: POST, path: /login, form: { user: '#{username}' } }"))).getMessage());
        assertEquals("profile p.yml: session.form.user: must be a text value",
                assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml",
                        profile("{ method: POST, path: /login, form: { user: [a, b] } }"))).getMessage());
    }
}
