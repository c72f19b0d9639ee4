package org.kohogateway.gateway.importing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits an import's rows into contiguous parts that the import's threads check and create side by side: the rows'
 * work is mostly waiting for the database (each chunk a handful of round trips, {@link ImportWriter}), so parts run
 * well even on two cores.
 * Each part is a step execution of its own, restartable on its own, and never smaller than a chunk: a short file is
 * one part. A part is the row indexes {@code [first, end)}, counted from the first row after the header.
 */
final class ImportParts implements Partitioner {

    static final String FIRST = "first";
    static final String END = "end";

    private final int rows;
    private final int chunkSize;

    ImportParts(int rows, int chunkSize) {
        this.rows = rows;
        this.chunkSize = chunkSize;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int parts = Math.max(1, Math.min(gridSize, (rows + chunkSize - 1) / chunkSize));
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (int part = 0; part < parts; part++) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(FIRST, (int) ((long) rows * part / parts));
            // the last part reads to the end of the file, whatever the count said
            context.putInt(END, part == parts - 1 ? Integer.MAX_VALUE : (int) ((long) rows * (part + 1) / parts));
            contexts.put("part" + part, context);
        }
        return contexts;
    }
}
