package io.dropnight.core;

/**
 * The one escaper for HTML and XML text and attribute values (the pages, slo-junit.xml, plan.html):
 * the five markup characters as entities, and control characters other than newline and tab as
 * spaces (XML 1.0 forbids them). Stateless.
 */
public final class HtmlEscape {
    private HtmlEscape() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
