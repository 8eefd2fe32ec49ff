package org.contributionledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Runs the whole benchmark with tiny sizes on H2 (both servers started from their jars, every
 * phase run) and checks the table's shape: every measure, a figure on both sides, a ratio. Not the
 * figures themselves: those are for the full run, on a quiet machine.
 */
class BenchCommandIT {

    @Test
    void printsEveryMeasureForBothSidesWithTheirRatio(@TempDir Path work) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchCommand()).execute(
                    "--ledger-jar", "../api/target/contribution-ledger.jar", "--bench-jar", "target/ledger-bench.jar",
                    "--databases", "h2", "--members", "10", "--batch-acts", "40", "--batch-size", "20",
                    "--single-posts", "10", "--offered-rate", "20", "--read-rate", "20", "--seconds", "1",
                    "--store-acts", "400", "--baseline-store-acts", "300", "--heap", "512m", "--work-dir", work.toString());
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(exit).isZero();
        assertThat(output).containsPattern("Machine: \\d+ cores, [0-9.]+ GiB memory");
        List<String> lines = Arrays.asList(output.split("\n"));
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("measure")).findFirst().orElseThrow());
        assertThat(lines.get(header)).contains("h2 baseline", "h2 shipped", "ratio");
        List<String> measures = BenchCommand.Table.measures();
        assertThat(measures).hasSize(20);
        for (int i = 0; i < measures.size(); i++) {
            String[] cells = lines.get(header + 1 + i).split("\\|");
            assertThat(cells[0].strip()).isEqualTo(measures.get(i));
            String[] figures = cells[1].strip().split("\\s+");
            assertThat(figures).as(measures.get(i)).hasSize(3);
            assertThat(figures[0]).as("baseline's " + measures.get(i)).matches("[0-9.,]+");
            assertThat(figures[1]).as("shipped's " + measures.get(i)).matches("[0-9.,]+");
            // Store sizes have no ratio; start-up times only between stores of one size.
            String ratio = measures.get(i).equals(BenchCommand.Table.STORE_EVENTS) ? "-"
                    : measures.get(i).equals(BenchCommand.Table.STARTUP) ? "-|[0-9.]+x" : "[0-9.]+x";
            assertThat(figures[2]).as("ratio of " + measures.get(i)).matches(ratio);
        }
    }
}
