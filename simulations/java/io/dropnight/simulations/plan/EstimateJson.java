package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.simulations.plan.CapacityEstimate.Prediction;
import io.dropnight.simulations.plan.CapacityEstimate.Range;
import io.dropnight.simulations.plan.CapacityEstimate.SloCurve;

/**
 * A capacity search's estimate in plan.json ({@code searches[].estimate}; schema in
 * docs/PLANNING.md): the answer, its probability and band, the prior, and per SLO its fitted
 * curve, its scatter and every figure it read. A figure that is not a number (a refusal's answer)
 * is null. Pure.
 */
final class EstimateJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EstimateJson() {
    }

    static ObjectNode of(CapacityEstimate e, CurvePrior prior) {
        ObjectNode o = NODES.objectNode();
        o.put("supported", e.supported());
        if (e.supported()) {
            o.putNull("reason");
        } else {
            o.put("reason", e.reason());
        }
        o.put("confidence", e.confidence());
        put(o, "answer", e.answer());
        put(o, "atHalf", e.atHalf());
        put(o, "bestAtConfidence", e.bestAtConfidence());
        o.put("settled", e.settled());
        o.set("atAnswer", prediction(e.atAnswer()));
        o.set("stepBelow", prediction(e.stepBelow()));
        if (e.next().isPresent()) {
            o.putObject("next").put("slots", e.next().get().value()).put("repeat", e.next().get().repeat())
                    .put("why", e.next().get().why());
        } else {
            o.putNull("next");
        }
        o.put("seed", e.seed()).put("draws", e.draws());
        o.putObject("prior").put("slopeMedian", prior.slopeMedian()).put("slopeSpread", prior.slopeSpread())
                .put("scatterScale", prior.scatterScale()).put("scatterDf", prior.scatterDf())
                .put("sloCorrelation", prior.sloCorrelation())
                .put("window", SloFigure.WINDOW);
        var slos = o.putArray("slos");
        for (SloCurve c : e.slos()) {
            slos.add(curve(c));
        }
        return o;
    }

    private static ObjectNode curve(SloCurve c) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name()).put("unit", c.unit()).put("threshold", c.threshold()).put("modelled", c.modelled());
        if (c.note().isEmpty()) {
            o.putNull("note");
        } else {
            o.put("note", c.note());
        }
        put(o, "fallProbability", c.fallProbability());
        o.set("slope", range(c.slope()));
        o.set("scatter", range(c.scatter()));
        put(o, "referenceSlots", c.reference());
        put(o, "loadAtReference", c.loadAtReference());
        put(o, "atHalf", c.atHalf());
        put(o, "atConfidence", c.atConfidence());
        var figures = o.putArray("figures");
        for (SloFigure f : c.figures()) {
            ObjectNode fig = figures.addObject().put("slots", f.value());
            put(fig, "actual", f.actual());
            fig.put("load", f.load()).put("kind", f.kind().label()).put("passed", f.passed());
        }
        return o;
    }

    private static ObjectNode prediction(Prediction p) {
        ObjectNode o = NODES.objectNode();
        put(o, "slots", p.value());
        put(o, "expected", p.expected());
        put(o, "atLeast", p.atLeast());
        return o;
    }

    private static ObjectNode range(Range r) {
        ObjectNode o = NODES.objectNode();
        put(o, "median", r.median());
        put(o, "low", r.low());
        put(o, "high", r.high());
        return o;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
