package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.csv.CsvBatchReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export-like CSV the CLI cache's training ingests (ADR 0051): the CSV reader reads every row
 * of it with the column types it is meant to exercise, so the training's profiles are those of the
 * typed parse and encode loops, not of a file read as text.
 */
class StartupTrainingTest {

    @TempDir
    Path temp;

    @Test
    void exportCsvReadsWithEveryIntendedTypeAndRow() throws Exception {
        Path csv = temp.resolve("training-larger.csv");
        StartupTraining.writeExportCsv(csv, 3_000);
        byte[] first = Files.readAllBytes(csv);
        StartupTraining.writeExportCsv(csv, 3_000);
        assertThat(Files.readAllBytes(csv))
                .as("seeded: the same bytes at each training")
                .isEqualTo(first);

        try (BufferAllocator allocator = new RootAllocator();
                CsvBatchReader reader =
                        new CsvBatchReader(csv, new ReadOptions(null, null, null, null, null, Map.of(), 0))) {
            reader.open();
            assertThat(reader.schema().fields().stream().map(LakeField::type).toList())
                    .isEqualTo(List.of(
                            LakeType.INT,
                            LakeType.BIGINT,
                            LakeType.DOUBLE,
                            LakeType.DOUBLE,
                            LakeType.BOOLEAN,
                            LakeType.DATE,
                            LakeType.TIMESTAMP,
                            LakeType.STRING,
                            LakeType.STRING,
                            LakeType.INT,
                            LakeType.STRING));
            long rows = 0;
            long nullNotes = 0;
            long multiLineNotes = 0;
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(root)) {
                    rows += root.getRowCount();
                    var notes = root.getVector("notes");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        Object v = notes.getObject(i);
                        if (v == null) {
                            nullNotes++;
                        } else if (v.toString().contains("\n")) {
                            multiLineNotes++;
                        }
                    }
                }
            }
            assertThat(rows).isEqualTo(3_000);
            assertThat(nullNotes).as("empty cells are read as nulls").isPositive();
            assertThat(multiLineNotes).as("quoted cells with line breaks").isPositive();
        }
    }
}
