package org.mailhub.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A mailhub server of a test's own, started from the provisioned installation (target/server) with
 * its own base directory (configuration, mailhub.ear, data) and a port offset, so that it can be
 * killed and restarted beside the Arquillian-managed one.
 */
public final class OwnServer {

  private static final Path SERVER = Path.of("target/server").toAbsolutePath();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String name;
  private final Path base;
  private final int portOffset;
  private Process process;
  private int starts;
  private String configuration = "standalone-full.xml";

  /**
   * A fresh base directory under target/{@code name}: the configuration and mailhub.ear, no data.
   */
  public OwnServer(String name, int portOffset) throws IOException {
    this.name = name;
    this.base = Path.of("target", name, "standalone").toAbsolutePath();
    this.portOffset = portOffset;
    if (Files.exists(base)) {
      try (Stream<Path> files = Files.walk(base)) {
        files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
      }
    }
    Path configuration = SERVER.resolve("standalone/configuration");
    try (Stream<Path> files = Files.walk(configuration)) {
      for (Path source :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.toString().contains("standalone_xml_history"))
              .toList()) {
        Path target = base.resolve("configuration").resolve(configuration.relativize(source));
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(Path.of("target/mailhub.ear"), base.resolve("deployments/mailhub.ear"));
  }

  /** Runs with this configuration file instead of standalone-full.xml (a cluster node's: -ha). */
  public OwnServer configuration(String file) {
    this.configuration = file;
    return this;
  }

  /** Its management interface: WildFly's health probes. */
  public URI management() {
    return URI.create("http://127.0.0.1:" + (9990 + portOffset) + "/");
  }

  public URI url() {
    return URI.create("http://localhost:" + (8080 + portOffset) + "/");
  }

  /** Where files about this server go, next to its base directory. */
  public Path file(String name) {
    return base.resolveSibling(name);
  }

  /**
   * Starts the server with bin/standalone.sh and waits until mailhub answers.
   *
   * @param environment extra environment variables, e.g. JAVA_OPTS
   * @param properties extra system properties, as {@code -Dname=value}
   */
  public void start(Map<String, String> environment, String... properties) throws Exception {
    launch(environment, properties);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(url().resolve("api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "mailhub did not start; see " + file("server-start-" + starts + ".log"));
  }

  /**
   * Starts the server with bin/standalone.sh and returns at once.
   *
   * @param environment extra environment variables; a null value removes one the tests have
   */
  public void launch(Map<String, String> environment, String... properties) throws Exception {
    starts++;
    List<String> command =
        new ArrayList<>(
            List.of(
                SERVER.resolve("bin/standalone.sh").toString(),
                "-c",
                configuration,
                "-Djboss.server.base.dir=" + base,
                // its own node name: claims name their node, and the test container may share
                // its database (the PostgreSQL pass)
                "-Djboss.node.name=" + name,
                "-Djboss.socket.binding.port-offset=" + portOffset));
    command.addAll(List.of(properties));
    ProcessBuilder launcher =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(file("server-start-" + starts + ".log").toFile());
    environment.forEach(
        (key, value) -> {
          if (value == null) {
            launcher.environment().remove(key);
          } else {
            launcher.environment().put(key, value);
          }
        });
    process = launcher.start();
  }

  /** What the server printed since its last start. */
  public String output() throws IOException {
    return Files.readString(file("server-start-" + starts + ".log"));
  }

  /** The server's JVM (a child of the launch script). */
  public long pid() {
    return process
        .toHandle()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst()
        .orElseThrow()
        .pid();
  }

  /** SIGSTOP to the server JVM: it stands still, as in a long pause, until {@link #resume}. */
  public void pause() throws Exception {
    signal("STOP");
  }

  /** SIGCONT: the paused JVM goes on where it stood. */
  public void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
    }
  }

  /** SIGKILL to the server JVM: no shutdown hook, no graceful undeploy. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
      Thread.sleep(500);
      process = null;
    }
  }

  /**
   * SIGTERM, as Ctrl-C, {@code docker stop} or systemd send it: the server suspends, lets what is
   * in flight finish (bin/standalone.conf's timeout) and stops. Waits until the JVM is gone.
   */
  public void stop() throws Exception {
    if (process != null) {
      List<ProcessHandle> jvms = process.toHandle().descendants().toList();
      jvms.forEach(ProcessHandle::destroy);
      for (ProcessHandle jvm : jvms) {
        jvm.onExit().get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
      process.destroy();
      process.waitFor();
      process = null;
    }
  }
}
