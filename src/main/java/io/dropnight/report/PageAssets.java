package io.dropnight.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts and style sheet inlined into every page so that it opens from {@code file://} with no
 * network: Chart.js from its webjar (version read from the webjar's own pom.properties), and the
 * report's and the live page's own scripts and CSS from this package's resources. Loaded once; thread-safe.
 */
final class PageAssets {
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.js";

    private static volatile PageAssets loaded;

    final String chartJs;
    final String reportJs;
    final String css;
    /** The live page's own script and styles (on top of {@link #css}). */
    final String liveJs;
    final String liveCss;

    private PageAssets(String chartJs, String reportJs, String css, String liveJs, String liveCss) {
        this.chartJs = chartJs;
        this.reportJs = reportJs;
        this.css = css;
        this.liveJs = liveJs;
        this.liveCss = liveCss;
    }

    static PageAssets get() {
        PageAssets a = loaded;
        if (a == null) {
            // the drop's line on a time chart, one plugin for the report's and the live page's scripts
            String dropMarker = resource("io/dropnight/report/drop-marker.js") + "\n";
            a = new PageAssets(chartJs(), dropMarker + resource("io/dropnight/report/report.js"),
                    resource("io/dropnight/report/report.css"), dropMarker + resource("io/dropnight/report/live-page.js"),
                    resource("io/dropnight/report/live-page.css"));
            loaded = a;
        }
        return a;
    }

    private static String chartJs() {
        Properties pom = new Properties();
        try (InputStream in = open(WEBJAR_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_POM, e);
        }
        String js = resource(Html.fmt(CHART_JS, pom.getProperty("version")));
        // The source map is not shipped with the page; drop the reference so nothing asks for it.
        return js.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
    }

    private static String resource(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the classpath; the report cannot inline it");
        }
        return in;
    }
}
