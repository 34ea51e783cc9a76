package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&#39;&amp;", Html.esc("<a href=\"x\">'&"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void keepsEmbeddedJsonFromClosingItsScriptElement() {
        String json = Html.scriptJson(Map.of("k", "</script><b>&"));
        assertFalse(json.contains("<"));
        assertEquals("{\"k\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}", json);
        assertEquals("x = '<\\/script>'", Html.scriptText("x = '</SCRIPT>'").replace("SCRIPT", "script"));
    }

    @Test
    void formatsNumbersTheSameInEveryLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("1.235", Html.millis(1_235));
            assertEquals("0.25", Fragments.number(0.25));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
