package org.kohogateway.gateway.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time spent by this JVM and by the embedded PostgreSQL (its postmaster and every process it started), read from
 * the JVM and from {@code /proc}. On a machine shared with other builds a round's wall time moves with their load;
 * the CPU each side spends per delivery moves much less, so it is what before/after comparisons lean on. Linux only:
 * elsewhere PostgreSQL's share reads 0.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS = 100;

    /**
     * {@code compilerNanos}: the CPU of the JIT compiler threads, which the JVM's includes. A round timed while its
     * code is still being compiled pays for that; this shows how much.
     */
    record Reading(long jvmNanos, long postgresNanos, long compilerNanos) {
        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos,
                    compilerNanos - earlier.compilerNanos);
        }
    }

    private final long postmaster;

    CpuMeter(JdbcClient jdbc) {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        this.postmaster = parent(backend);
    }

    Reading read() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long compiler = compilerTicks() * 1_000_000_000L / TICKS;
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String[] stat = stat(p);
                if (stat.length == 0) {
                    continue;
                }
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == postmaster || Long.parseLong(stat[1]) == postmaster) {
                    // utime, stime, and for the postmaster its finished children's (backends that exited)
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13])
                            + Long.parseLong(stat[14]);
                }
            }
        } catch (IOException e) {
            return new Reading(jvm, 0, compiler);
        }
        return new Reading(jvm, ticks * 1_000_000_000L / TICKS, compiler);
    }

    /** The JIT compiler threads' CPU, from {@code /proc/self/task} (their names: "C1 CompilerThre…", "C2 …"). */
    private static long compilerTicks() {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : threads.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        String[] stat = stat(t);
                        ticks += stat.length == 0 ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    private static long parent(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid)));
        return stat.length == 0 ? -1 : Long.parseLong(stat[1]);
    }

    /** The fields after the command name (which may hold spaces): state, ppid, … — index 1 is the ppid. */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
