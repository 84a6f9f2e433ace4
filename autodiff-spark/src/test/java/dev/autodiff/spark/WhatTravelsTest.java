package dev.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.spark.internal.ExactSums;
import dev.autodiff.spark.internal.Folds;
import dev.autodiff.spark.internal.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a Spark job ships to its executors: the chunk fold, serialized as Spark's closure serializer
 * does (Java serialization). It holds the payload's text and the request, no compiled program and
 * no generated class, and an executor that receives it computes what the driver would.
 */
class WhatTravelsTest {
    private static final RecordFunction NLL = RecordFunction.reverse(Logistic.NLL, Logistic.W, Logistic.DATA);
    private static final double[] THETA = {0.7, -1.1, 0.2};
    private static final double[][] CHUNK = Logistic.records(50, 3);

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @Test
    void theChunkFoldIsTheTextPayloadAndThePointOnly() throws IOException, ClassNotFoundException {
        Request request = new Request(Request.Kind.GRADIENT, THETA, new double[0]);
        byte[] bytes = serialize(new Folds.ChunkFold(NLL.payload(), request));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(NLL.payload()), "the payload travels as text");
        for (String forbidden : new String[] {"dev.autodiff.engine", "dev.autodiff.core.internal", "dev.autodiff.reverse",
                "Hidden", "$$Lambda"}) {
            assertFalse(text.contains(forbidden), "no " + forbidden + " in what travels");
        }
        // the payload (about 130 characters), the point, and the class descriptors of four small classes
        assertTrue(bytes.length < 1200, bytes.length + " bytes");

        Folds.ChunkFold received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            received = (Folds.ChunkFold) in.readObject();
        }
        ExactSums sums = received.call(request.zero(), CHUNK);
        double[] g = new double[3];
        double v = NLL.sumOver(CHUNK).valueAndGradient(THETA, g);
        assertEquals(v, sums.get(0), 0.0, "one chunk: its sum, rounded once more exactly, is itself");
        assertArrayEquals(g, new double[] {sums.get(1), sums.get(2), sums.get(3)}, 0.0);
    }

    @Test
    void aMalformedPayloadFailsOnTheExecutorWithAClearMessage() {
        Request request = new Request(Request.Kind.VALUE, THETA, new double[0]);
        Folds.ChunkFold fold = new Folds.ChunkFold("autodiff-record/2 REVERSE", request);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fold.call(request.zero(), CHUNK));
        assertEquals("malformed record-function payload at character 1: expected the header autodiff-record/1, got "
                + "'autodiff-record/2 RE…'", e.getMessage());
    }
}
