package org.mailhub.provider;

/** Request and answer examples for the OpenAPI document. */
final class Examples {

  private Examples() {}

  static final String NETCORE =
      """
      {"nickname": "Netcore main", "type": "NETCORE", "fromName": "Acme News",
       "fromAddress": "news@acme.example", "replyTo": "support@acme.example",
       "preferenceCenter": {"mode": "SYSTEM"},
       "settings": {"endpoint": "https://emailapi.netcorecloud.net/v6/mail/send",
                    "apiKey": "4f1c0e9d2b7a4c8e9f3a"}}""";

  static final String GENERIC_HTTP =
      """
      {"nickname": "In-house relay", "type": "GENERIC_HTTP", "fromName": "Acme",
       "fromAddress": "news@acme.example",
       "preferenceCenter": {"mode": "CUSTOM_URL", "url": "https://acme.example/preferences"},
       "settings": {"method": "POST", "endpoint": "https://relay.acme.example/send",
                    "auth": {"type": "BASIC", "username": "mailhub", "password": "s3cret-pass"},
                    "headers": {"X-Campaign": "$$hid", "X-Account": "acme-7731"},
                    "secretHeaders": ["X-Account"],
                    "parameters": {"subject": "$$Subject", "fromName": "$$FromName",
                                   "fromAddress": "$$FromAddress",
                                   "msgs": {"to": "$$To", "html": "$$HTML", "meta": "$$Meta",
                                            "name": "{{profile.name | \\"friend\\"}}"}},
                    "batch": {"parameter": "msgs", "instances": 500}}}""";

  static final String POSTMARK =
      """
      {"nickname": "Postmark", "type": "POSTMARK", "fromName": "Acme",
       "fromAddress": "news@acme.example",
       "settings": {"apiKey": "0f3c6a52-1b7e-4a4e-9d6b-7c1a2e9f3a11"}}""";

  static final String SENDGRID =
      """
      {"nickname": "SendGrid", "type": "SENDGRID", "fromName": "Acme News",
       "fromAddress": "news@acme.example", "preferenceCenter": {"mode": "SYSTEM"},
       "settings": {"apiKey": "SG.your-key-id.your-key-secret",
                    "webhookVerificationKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==",
                    "category": "newsletter"}}""";
  static final String MAILGUN =
      """
      {"nickname": "Mailgun EU", "type": "MAILGUN", "fromName": "Acme",
       "fromAddress": "news@mg.acme.example",
       "settings": {"apiKey": "key-3ax6xnjp29jd6fds4gc373sgvjxteol0", "domain": "mg.acme.example",
                    "region": "EU", "webhookSigningKey": "6c2b1f0e9d8a7b6c5d4e3f2a1b0c9d8e"}}""";

  static final String SMTP =
      """
      {"nickname": "Office SMTP", "type": "SMTP", "fromAddress": "news@acme.example",
       "settings": {"host": "smtp.acme.example", "port": 587, "security": "STARTTLS",
                    "username": "mailer", "password": "s3cret-pass",
                    "dkim": {"domain": "acme.example", "selector": "mh2026",
                             "privateKey": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\\n-----END PRIVATE KEY-----\\n"}}}""";

  static final String SES =
      """
      {"nickname": "Amazon SES", "type": "SES", "fromName": "Acme",
       "fromAddress": "news@acme.example",
       "settings": {"region": "eu-west-1", "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                    "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "configurationSetName": "mailhub",
                    "topicArn": "arn:aws:sns:eu-west-1:123456789012:mailhub-events"}}""";

  static final String INVALID =
      """
      {"code": "VALIDATION_FAILED", "message": "The request has invalid fields.",
       "violations": [{"field": "settings.parameters",
                       "message": "missing placeholders $$HTML, $$Subject: ..."}]}""";

  static final String TEST_FAILED =
      """
      {"sent": false, "providerStatus": 401, "errorCode": "UNAUTHORIZED",
       "message": "Netcore main refused the test email 401 (UNAUTHORIZED): {...}"}""";
}
