package org.mailhub.esp.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class SesFormTest {

  @Test
  void storedSecretsAreShownMaskedAndEmptyFieldsKeepThem() throws Exception {
    SesForm form = new SesForm();

    form.read(
        json(
            """
            {"region": "eu-west-1", "accessKeyId": "AKIA1", "secretAccessKey": "••••",
             "configurationSetName": "mailhub", "endpoint": "https://email.eu-west-1.amazonaws.com"}"""));

    assertNull(form.getSecretAccessKey().getValue());
    assertNull(form.getEndpoint(), "SES's own endpoint follows the region");
    assertEquals(
        json(
            "{\"region\": \"eu-west-1\", \"accessKeyId\": \"AKIA1\","
                + " \"configurationSetName\": \"mailhub\"}"),
        FormChecks.serialized(form).settings());
    form.getSecretAccessKey().setValue("s-2");
    assertEquals("s-2", form.settings().getString("secretAccessKey"));
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    SesForm form = new SesForm();
    form.setRegion("eu-west-1");
    form.setAccessKeyId("AKIA1");
    form.getSecretAccessKey().setValue("s-1");
    form.setConfigurationSetName("mailhub");
    form.setTopicArn("arn:aws:sns:eu-west-1:123456789012:mailhub-events");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
