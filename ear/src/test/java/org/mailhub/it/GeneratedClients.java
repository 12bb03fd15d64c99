package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an API user does with mailhub's OpenAPI document, each step a real program in its own
 * process: openapi-generator with its default settings, the generated project's own Maven build,
 * TypeScript's compiler.
 */
final class GeneratedClients {

  static final Path ROOT = Path.of(System.getProperty("mailhub.it.generated-clients"));
  private static final Path GENERATOR = Path.of(System.getProperty("mailhub.it.openapi-generator"));
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** The program written against the generated Java client (ear/src/test/client). */
  static final Path STORY =
      Path.of(System.getProperty("mailhub.it.client-story"), "org/mailhub/story/ClientStory.java");

  private GeneratedClients() {}

  /** The running server's document, as clients download it. */
  static Path document() throws IOException {
    Files.createDirectories(ROOT);
    var answer = Mailhub.get("openapi?format=JSON");
    assertEquals(200, answer.statusCode(), answer.body());
    Path document = ROOT.resolve("openapi.json");
    Files.writeString(document, answer.body());
    return document;
  }

  /**
   * Generates a client with the generator's default settings (so its validation of the document
   * runs too) into a fresh directory.
   */
  static Path generate(Path document, String generator, String library) throws IOException {
    Path out = ROOT.resolve(library == null ? generator : generator + "-" + library);
    deleteRecursively(out);
    List<String> command =
        new ArrayList<>(
            List.of(
                JAVA,
                "-jar",
                GENERATOR.toString(),
                "generate",
                "-i",
                document.toString(),
                "-g",
                generator,
                "-o",
                out.toString()));
    if (library != null) {
      command.addAll(List.of("--library", library));
    }
    run(ROOT, 5, command.toArray(String[]::new));
    return out;
  }

  /** Runs the generated Java project's own Maven build, without its generated test stubs. */
  static void mavenBuild(Path project, String... goals) {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dmaven.test.skip=true"));
    command.addAll(Arrays.asList(goals));
    run(project, 10, command.toArray(String[]::new));
  }

  /**
   * Runs a command to its end (at most the given minutes) and answers its output; fails with the
   * output's end when it does not succeed.
   */
  static String run(Path directory, int minutes, String... command) {
    try {
      Path log = Files.createTempFile(ROOT, "process", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " ran longer than " + minutes + " min:\n" + tail(log));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + tail(log));
      }
      return output;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
