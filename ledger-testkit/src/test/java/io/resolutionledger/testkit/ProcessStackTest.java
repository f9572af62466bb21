package io.resolutionledger.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stack with real child JVMs (small mains of this test, no services): a child that dies during start-up is
 * noticed at once and its log named, a graceful stop ends a child, one that does not end in time is killed, a
 * restart gets a log of its own.
 */
class ProcessStackTest {

    @TempDir
    Path logs;
    private ProcessStack stack;

    @BeforeEach
    void stack() throws IOException {
        stack = new ProcessStack(logs, true, Duration.ofSeconds(2));
    }

    @AfterEach
    void stopAll() {
        stack.close();
    }

    @Test
    void aChildThatDiesDuringStartUpIsNoticedAtOnceWithItsExitCodeAndLog() throws Exception {
        ProcessStack.Child child = javaChild("dies", DiesAtOnce.class);
        child.launch();

        assertThatThrownBy(() -> child.awaitReady(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dies stopped during start-up (exit code 3); see " + logs.resolve("dies-1.log"));
        assertThat(Files.readString(child.log())).contains("cannot bind the port");
    }

    @Test
    void aChildThatIsNotReadyInTimeFailsNamingItsLog() throws Exception {
        ProcessStack.Child child = stack.child("silent", command(NeverReady.class), Map.of(), 0, c -> c.logContains("ready"));
        child.launch();

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(1)))
                .hasMessage("silent not ready after 1 s; see " + logs.resolve("silent-1.log"));
        assertThat(child.alive()).isTrue();
    }

    @Test
    void aReadyChildStopsGracefullyAndARestartWritesANewLog() throws Exception {
        ProcessStack.Child child = javaChild("service", ReadyUntilTerminated.class);
        child.start(Duration.ofMinutes(2));
        Process first = child.process();

        child.stop();

        assertThat(first.isAlive()).isFalse();
        assertThat(Files.readString(logs.resolve("service-1.log"))).contains("ready", "shutting down");
        child.start(Duration.ofMinutes(2));
        assertThat(child.starts()).isEqualTo(2);
        assertThat(child.log()).isEqualTo(logs.resolve("service-2.log"));
        assertThat(child.pid()).isNotEqualTo(first.pid());
    }

    @Test
    void aChildThatDoesNotEndWithinTheGraceTimeIsKilled() throws Exception {
        ProcessStack.Child child = javaChild("stubborn", IgnoresTermination.class);
        child.start(Duration.ofMinutes(2));

        child.stop();

        assertThat(child.alive()).isFalse();
        assertThat(child.process().exitValue()).isEqualTo(137); // SIGKILL, after the 2 s of grace
        assertThat(Files.readString(child.log())).contains("ready").doesNotContain("finished");
    }

    @Test
    void closingTheStackStopsEveryChild() throws Exception {
        ProcessStack.Child a = javaChild("a", ReadyUntilTerminated.class).start(Duration.ofMinutes(2));
        ProcessStack.Child b = javaChild("b", ReadyUntilTerminated.class).start(Duration.ofMinutes(2));

        stack.close();

        assertThat(a.alive()).isFalse();
        assertThat(b.alive()).isFalse();
    }

    private ProcessStack.Child javaChild(String name, Class<?> main) {
        return stack.child(name, command(main), Map.of(), 0, c -> c.logContains("ready"));
    }

    private static List<String> command(Class<?> main) {
        List<String> cmd = new ArrayList<>(List.of(ProcessStack.java(), "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        return cmd;
    }

    /** A service whose port is taken: it gives up at once. */
    static final class DiesAtOnce {
        public static void main(String[] args) {
            System.out.println("cannot bind the port");
            System.exit(3);
        }
    }

    static final class NeverReady {
        public static void main(String[] args) throws InterruptedException {
            TimeUnit.MINUTES.sleep(5);
        }
    }

    static final class ReadyUntilTerminated {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutting down")));
            System.out.println("ready");
            TimeUnit.MINUTES.sleep(5);
        }
    }

    /** A shutdown that hangs (a drain that never ends). */
    static final class IgnoresTermination {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    TimeUnit.MINUTES.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("finished");
            }));
            System.out.println("ready");
            TimeUnit.MINUTES.sleep(5);
        }
    }
}
