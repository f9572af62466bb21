package io.resolutionledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the run's processes from /proc/PID/stat (utime + stime, in clock ticks of 10 ms): the command JVM, the
 * query JVM, PostgreSQL (the postmaster and every backend below it, plus the time of backends that already exited,
 * which the kernel adds to their parent's cutime/cstime once reaped) and the harness itself. A level's figure is the
 * difference between two samples taken at the start and the end of its measured window, divided by the commands
 * answered in it: CPU per command of each process, load generator included, whatever else runs on the box.
 */
final class Cpu {

    /** USER_HZ: 100 on every Linux the JDK supports. */
    static final double TICK_MS = 10.0;

    /** CPU ms used so far by each named process tree; empty where there is no /proc. */
    static Map<String, Double> sample(Map<String, Long> roots) {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, long[]> times = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // the command name may contain spaces and parentheses: fields start after the last ')'
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    parents.put(pid, Long.parseLong(f[1]));
                    // fields 14-17 of stat (utime stime cutime cstime) are 11-14 here
                    times.put(pid, new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12]),
                            Long.parseLong(f[13]) + Long.parseLong(f[14])});
                } catch (Exception gone) {
                    // the process ended while we looked
                }
            }
        } catch (Exception noProc) {
            return m;
        }
        for (var root : roots.entrySet()) {
            if (root.getValue() == null) continue;
            long ticks = 0;
            for (var e : times.entrySet()) {
                long pid = e.getKey();
                if (pid == root.getValue()) {
                    // the harness starts the services: its own time only, not its children's
                    ticks += e.getValue()[0] + (root.getKey().equals("harness") ? 0 : e.getValue()[1]);
                } else if (!root.getKey().equals("harness") && descends(pid, root.getValue(), parents)) {
                    ticks += e.getValue()[0] + e.getValue()[1];
                }
            }
            m.put(root.getKey(), ticks * TICK_MS);
        }
        return m;
    }

    private static boolean descends(long pid, long root, Map<Long, Long> parents) {
        Long p = parents.get(pid);
        for (int depth = 0; p != null && p > 1 && depth < 16; depth++) {
            if (p == root) return true;
            p = parents.get(p);
        }
        return false;
    }

    /** Per process: CPU ms in the window, cores busy on average, and ms per command answered. */
    static Map<String, Object> perCommand(Map<String, Double> before, Map<String, Double> after, double seconds, long commands) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(after.keySet());
        double total = 0;
        for (String n : names) {
            double ms = after.get(n) - before.getOrDefault(n, 0.0);
            if (!n.equals("harness")) total += ms;
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("cpuMs", Load.round(ms));
            x.put("cores", Load.round(ms / 1000.0 / seconds));
            x.put("msPerCommand", commands > 0 ? Load.round(ms / commands) : null);
            m.put(n, x);
        }
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("cpuMs", Load.round(total));
        x.put("cores", Load.round(total / 1000.0 / seconds));
        x.put("msPerCommand", commands > 0 ? Load.round(total / commands) : null);
        m.put("services+postgres", x);
        return m;
    }

    private Cpu() {
    }

    /**
     * CPU ms used so far by the JIT compiler threads of a JVM ("C1 CompilerThread0", "C2 CompilerThread1", ...: the
     * {@code comm} of its tasks in /proc/PID/task), 0 where there is no /proc.
     */
    static double compilerMs(long pid) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(t.resolve("comm")).matches("C[12] CompilerThre(?s).*")) continue;
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (Exception gone) {
                    // the thread ended while we looked
                }
            }
        } catch (Exception noProc) {
            return 0;
        }
        return ticks * TICK_MS;
    }

    /**
     * The machine's CPU time so far by state, in ms, from the first line of /proc/stat (user, nice, system, idle,
     * iowait, irq, softirq, steal): the difference of two samples says whether a window was short of CPU or waited
     * for the disk. Empty where there is no /proc.
     */
    static Map<String, Double> machine() {
        Map<String, Double> m = new LinkedHashMap<>();
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            String[] names = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
            for (int i = 0; i < names.length && i + 1 < f.length; i++) {
                m.put(names[i], Long.parseLong(f[i + 1]) * TICK_MS);
            }
        } catch (Exception noProc) {
            // not Linux
        }
        return m;
    }

    /** Seconds of each state between two {@link #machine()} samples (idle and iowait summed over all cores). */
    static Map<String, Object> machineWindow(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String state : java.util.List.of("idle", "iowait", "steal")) {
            Double b = before.get(state), a = after.get(state);
            if (a != null && b != null) m.put(state + "Seconds", Load.round((a - b) / 1000));
        }
        return m;
    }
}
