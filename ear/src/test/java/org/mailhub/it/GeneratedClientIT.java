package org.mailhub.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A developer points openapi-generator at mailhub's OpenAPI document, with its default settings,
 * and gets clients that compile, in Java (both of its usual HTTP libraries) and TypeScript.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeneratedClientIT {

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void theDocumentGivesJavaAndTypeScriptClientsThatCompile() throws Exception {
    Path document = GeneratedClients.document();

    GeneratedClients.mavenBuild(GeneratedClients.generate(document, "java", "native"), "compile");
    GeneratedClients.mavenBuild(
        GeneratedClients.generate(document, "java", "okhttp-gson"), "compile");

    Path typescript = GeneratedClients.generate(document, "typescript-fetch", null);
    Files.writeString(
        typescript.resolve("tsconfig.json"),
        "{\"compilerOptions\": {\"target\": \"ES2020\", \"module\": \"ES2020\","
            + " \"moduleResolution\": \"node\", \"lib\": [\"ES2020\", \"DOM\"], \"strict\": true,"
            + " \"noEmit\": true}, \"include\": [\"**/*.ts\"]}");
    GeneratedClients.run(typescript, 5, "npx", "-y", "-p", "typescript@5.9.3", "tsc", "-p", ".");
  }
}
