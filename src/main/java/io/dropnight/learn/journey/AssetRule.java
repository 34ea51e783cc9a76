package io.dropnight.learn.journey;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which recorded requests are a page's static assets (images, style sheets, scripts, fonts), the
 * requests a browser makes on its own that the journey folds into {@code parallel} groups or leaves
 * out. The rule, stated in every draft's header: a GET whose answer's media type is {@code image/*},
 * {@code font/*}, {@code text/css} or a JavaScript type, or whose browser resource type is image,
 * stylesheet, script or font; when the answer's type says nothing ({@code application/octet-stream}
 * or none), a path ending in one of {@link #EXTENSIONS}. Stateless.
 */
public final class AssetRule {
    /** The rule in one line, for the draft's header and the docs. */
    public static final String RULE = "a GET answered with image/*, font/*, text/css or JavaScript (or the browser's resource type"
            + " image, stylesheet, script, font), or, when the answer's type says nothing, a path ending in ."
            + String.join(", .", new java.util.TreeSet<>(extensionList()));
    private static final Set<String> RESOURCE_TYPES = Set.of("image", "stylesheet", "script", "font");
    private static final Pattern EXTENSIONS = Pattern.compile(
            "(?i).*\\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|css|js|mjs|map|woff2?|ttf|otf|eot)$");

    private AssetRule() {
    }

    private static Set<String> extensionList() {
        return Set.of("png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "css", "js", "mjs", "map", "woff", "woff2",
                "ttf", "otf", "eot");
    }

    /** Whether {@code e} is a static asset by the rule. */
    public static boolean isAsset(Exchange e) {
        if (!e.method().equals("GET")) {
            return false;
        }
        String mime = e.responseMime();
        if (mime.startsWith("image/") || mime.startsWith("font/") || mime.equals("text/css") || mime.contains("javascript")
                || mime.contains("font-") || RESOURCE_TYPES.contains(e.resourceType())) {
            return true;
        }
        boolean silent = mime.isEmpty() || mime.equals("application/octet-stream") || mime.equals("binary/octet-stream");
        String path = e.url().getRawPath() == null ? "" : e.url().getRawPath().toLowerCase(Locale.ROOT);
        return silent && EXTENSIONS.matcher(path).matches();
    }

    /** What kind of asset it is, for a group's name: images, styles, scripts, fonts. */
    public static String kind(Exchange e) {
        String mime = e.responseMime();
        String path = e.url().getRawPath() == null ? "" : e.url().getRawPath().toLowerCase(Locale.ROOT);
        if (mime.startsWith("image/") || e.resourceType().equals("image") || path.matches(".*\\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$")) {
            return "images";
        }
        if (mime.equals("text/css") || e.resourceType().equals("stylesheet") || path.endsWith(".css")) {
            return "styles";
        }
        if (mime.contains("javascript") || e.resourceType().equals("script") || path.matches(".*\\.(m?js|map)$")) {
            return "scripts";
        }
        return "fonts";
    }
}
