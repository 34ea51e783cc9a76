package io.dropnight.profile;

/** A profile whose session step a test writes, the rest the smallest journey the reader accepts. */
final class SessionProfiles {
    private SessionProfiles() {
    }

    /**
     * @param session the session step's mapping, such as {@code { method: POST, path: /login }}
     * @param headers the {@code headers} mapping, or null for none
     */
    static String withSession(String session, String headers) {
        return "name: p\nsession: " + session + "\n" + (headers == null ? "" : "headers: " + headers + "\n") + """
                home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
                title: { path: '/titles/#{titleId}' }
                play:  { method: POST, path: '/play/#{episodeId}' }
                """;
    }
}
