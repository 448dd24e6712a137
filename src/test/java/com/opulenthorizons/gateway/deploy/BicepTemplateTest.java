package com.opulenthorizons.gateway.deploy;

import static com.opulenthorizons.gateway.deploy.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * infra/main.bicep has what the README's "Deploy to Azure" section promises. There is no Bicep CLI where the
 * tests run, so the template is read as text; its parameters file is read as JSON (through the YAML reader).
 */
class BicepTemplateTest {

    private static final String TEMPLATE = "infra/main.bicep";
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource \\w+ '([^'@]+)@[^']+'( existing)?");
    private static final Pattern PARAM = Pattern.compile("(?m)^param (\\w+) \\w+( = .+)?$");

    private final String bicep = RepositoryFiles.text(TEMPLATE);
    private final String postgresModule = RepositoryFiles.text("infra/postgres.bicep");
    private final Map<String, Object> parameters = map(RepositoryFiles.yaml("infra/main.parameters.json").get("parameters"),
            "parameters");

    @Test
    void createsTheLogsTheEnvironmentTheIdentityTheAppAndOptionallyPostgresql() {
        Set<String> types = RESOURCE.matcher(bicep + postgresModule).results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(types).contains("Microsoft.OperationalInsights/workspaces", "Microsoft.App/managedEnvironments",
                "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Authorization/roleAssignments",
                "Microsoft.App/containerApps", "Microsoft.DBforPostgreSQL/flexibleServers",
                "Microsoft.ContainerRegistry/registries", "Microsoft.KeyVault/vaults");
        assertThat(bicep).contains("module postgres 'postgres.bicep' = if (deployPostgres)", "param deployPostgres bool = false");
        assertThat(postgresModule).contains("version: '16'");
    }

    @Test
    void theIdentityPullsFromTheRegistryAndReadsTheVault() {
        // the built-in role ids of AcrPull and Key Vault Secrets User
        assertThat(bicep).contains("'7f951dda-4ed3-4680-a7ca-43fe172d538d'", "'4633458b-17de-408a-b874-0445c86b69e6'");
        assertThat(bicep).containsPattern("scope: registry\\s+properties: \\{\\s+roleDefinitionId: acrPullRole\\s+"
                + "principalId: identity.properties.principalId");
        assertThat(bicep).containsPattern("registries: \\[\\s+\\{\\s+server: registry.properties.loginServer\\s+identity: identity.id");
    }

    @Test
    void theAppHasTheOriginalBudgetProbesAndScale() {
        assertThat(bicep).contains("cpu: json('0.25')", "memory: '0.5Gi'", "targetPort: 9080");
        assertThat(probePath("Startup")).isEqualTo("/health/started");
        assertThat(probePath("Liveness")).isEqualTo("/health/live");
        assertThat(probePath("Readiness")).isEqualTo("/health/ready");
        assertThat(bicep).containsPattern("http: \\{ metadata: \\{ concurrentRequests: '10' } }");
        assertThat(bicep).containsPattern("@minValue\\(1\\)\\s+param minReplicas int = 1");
        assertThat(bicep).contains("param maxReplicas int = 3", "minReplicas: minReplicas", "maxReplicas: maxReplicas");
        assertThat(value("minReplicas")).isEqualTo(1);
        assertThat(value("maxReplicas")).isEqualTo(3);
    }

    private String probePath(String type) {
        Matcher probe = Pattern.compile("type: '" + type + "'[^}]*?path: '([^']+)', port: 9080").matcher(bicep);
        assertThat(probe.find()).as(type + " probe").isTrue();
        return probe.group(1);
    }

    @Test
    void secretsAreKeyVaultReferencesAndCarryEverySecretOfTheFormerContainerAppFile() {
        assertThat(bicep).containsPattern("keyVaultUrl: '\\$\\{vault.properties.vaultUri}secrets/\\$\\{secret.value}'\\s+identity: identity.id");
        assertThat(bicep).contains("secretRef: secret.value");
        @SuppressWarnings("unchecked")
        Map<String, Object> secrets = (Map<String, Object>) value("secretSettings");
        assertThat(secrets).containsKeys("PGPASSWORD", "MCP_API_KEYS", "CLOUDTALK_WEBHOOK_SECRET", "NOTION_WEBHOOK_SECRET",
                "ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "META_VERIFY_TOKEN", "META_APP_SECRET",
                "META_PAGE_ACCESS_TOKEN", "WEB_FORM_CAPTCHA_SECRET");
        // Container Apps secret names: lower-case letters, digits and dashes
        assertThat(secrets.values()).allSatisfy(name -> assertThat((String) name).matches("[a-z0-9][a-z0-9-]*[a-z0-9]"));
        // the new server's administrator password is the app's PGPASSWORD, read from the vault at deployment
        assertThat(bicep).contains("administratorPassword: vault.getSecret(secretSettings.PGPASSWORD)");
        assertThat(postgresModule).containsPattern("@secure\\(\\)\\s+param administratorPassword string");
    }

    @Test
    void postgresqlIsReachedWithVerifyFullAndTheAppAllowsItsOwnHostName() {
        assertThat(bicep).contains("PGSSLMODE: 'verify-full'", "PGSSLROOTCERT: '/etc/pki/tls/certs/ca-bundle.crt'",
                "MCP_ALLOWED_HOSTS: publicHost", "WLP_LOGGING_CONSOLE_FORMAT: 'json'");
    }

    @Test
    void theParametersFileSetsOnlyDeclaredParametersAndEveryRequiredOneButTheImage() {
        Map<String, Boolean> declared = PARAM.matcher(bicep).results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2) != null));
        assertThat(declared.keySet()).containsAll(parameters.keySet());
        declared.forEach((param, hasDefault) -> {
            if (!hasDefault && !param.equals("image")) {
                assertThat(parameters).as("required parameter " + param).containsKey(param);
            }
        });
    }

    @Test
    void theReadmeSaysWhatItPromisesAndThatItWasNotDeployedFromHere() {
        String section = RepositoryFiles.readmeSection("Deploy to Azure");
        assertThat(section).contains("infra/main.bicep", "0.25 CPU", "0.5 GiB", "10 concurrent", "/health/ready",
                "Key Vault", "verify-full", "has not been deployed");
    }

    private Object value(String parameter) {
        return map(parameters.get(parameter), parameter).get("value");
    }
}
