package io.dropnight.simulations.run;

import io.dropnight.core.RunFiles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * INTEGRATION POINT with the report engineer's {@code io.dropnight.report.ReportGenerator.generate(Path runDir)}.
 * Called reflectively so that the simulations compile and run whether or not the generator exists
 * yet; when it is absent, the run folder is left as is and this says so.
 */
public final class ReportHook {
    static final String GENERATOR = "io.dropnight.report.ReportGenerator";

    private ReportHook() {
    }

    /** @return a one-line account of what happened, for the console */
    public static String generate(Path runDir) {
        try {
            Class<?> type = Class.forName(GENERATOR);
            Method generate = type.getMethod("generate", Path.class);
            Object result = generate.invoke(null, runDir);
            return "report: " + (result == null ? runDir.resolve(RunFiles.INDEX_PAGE) : result);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return "report: " + GENERATOR + ".generate(Path) not found; run folder left without index.html";
        } catch (InvocationTargetException e) {
            return "report: generation failed: " + e.getCause();
        } catch (IllegalAccessException e) {
            return "report: generation not accessible: " + e;
        }
    }
}
