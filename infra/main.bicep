// The gateway on Azure Container Apps, as the original system ran: 1 to 3 replicas of 0.25 CPU / 0.5 GiB,
// HTTP autoscale at 10 concurrent requests, secrets from Key Vault, optionally its own PostgreSQL 16.
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json -p image=<acr>.azurecr.io/mcp-gateway:<tag>
// Not deployed from this repository's machines (no Bicep CLI, no Azure access there); BicepTemplateTest reads
// this file for what the README promises. The registry and the Key Vault exist beforehand (docs/how-to/deploy.md).

@description('Name of the container app; the other resources are named after it.')
param name string = 'mcp-gateway'

param location string = resourceGroup().location

@description('The image to run, e.g. myregistry.azurecr.io/mcp-gateway:<git sha>.')
param image string

@description('An existing Azure Container Registry in this resource group, which the app pulls from with its managed identity.')
param registryName string

@description('An existing Key Vault (Azure RBAC permission model, enabled for template deployment) in this resource group that holds the secrets named in secretSettings.')
param keyVaultName string

@description('Environment variable -> Key Vault secret name. Each becomes a Container Apps secret that references the vault.')
param secretSettings object

@description('More plain environment variables (not secrets), e.g. WORKFLOW_WEBHOOK_URL, ZOHO_API_BASE.')
param settings object = {}

@description('At least 1: the outbox is polled inside a replica, so with none awake no workflow event is delivered or retried.')
@minValue(1)
param minReplicas int = 1

@maxValue(10)
param maxReplicas int = 3

@description('Create an Azure Database for PostgreSQL Flexible Server (16) for the gateway (infra/postgres.bicep), its administrator password the Key Vault secret that secretSettings.PGPASSWORD names; otherwise set postgresHost.')
param deployPostgres bool = false

@description('An existing PostgreSQL host when deployPostgres is false.')
param postgresHost string = ''

param postgresUser string = 'gateway'

param postgresDatabase string = 'gateway'

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: acrPullRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

module postgres 'postgres.bicep' = if (deployPostgres) {
  name: '${name}-postgres'
  params: {
    name: '${name}-pg'
    location: location
    administratorLogin: postgresUser
    administratorPassword: vault.getSecret(secretSettings.PGPASSWORD)
    databaseName: postgresDatabase
  }
}

var publicHost = '${name}.${appEnvironment.properties.defaultDomain}'

var baseSettings = {
  PGHOST: deployPostgres ? postgres.outputs.host : postgresHost
  PGUSER: postgresUser
  PGDATABASE: postgresDatabase
  // Azure's server certificates chain to public roots that the image's system CA bundle holds.
  PGSSLMODE: 'verify-full'
  PGSSLROOTCERT: '/etc/pki/tls/certs/ca-bundle.crt'
  MCP_ALLOWED_HOSTS: publicHost
  // Liberty writes its console log as JSON, so Log Analytics gets fields rather than text, and from INFO up
  // (its console default is AUDIT, which would leave out the tool audit lines).
  WLP_LOGGING_CONSOLE_FORMAT: 'json'
  WLP_LOGGING_CONSOLE_LOGLEVEL: 'info'
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [acrPull, secretsUser, postgres]
  properties: {
    managedEnvironmentId: appEnvironment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 9080
        transport: 'http'
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      secrets: [for secret in items(secretSettings): {
        name: secret.value
        keyVaultUrl: '${vault.properties.vaultUri}secrets/${secret.value}'
        identity: identity.id
      }]
    }
    template: {
      containers: [
        {
          name: name
          image: image
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
          env: concat(
            map(items(union(baseSettings, settings)), setting => { name: setting.key, value: string(setting.value) }),
            map(items(secretSettings), secret => { name: secret.key, secretRef: secret.value }))
          probes: [
            {
              // Up to 30 + 10 x 15 s before liveness takes over: at 0.25 CPU the server took 67-98 s to be ready
              // on HotSpot (docs/reference/operations.md#start-up-under-a-quarter-of-a-cpu), and Container Apps
              // allows at most 10 failures.
              type: 'Startup'
              httpGet: { path: '/health/started', port: 9080 }
              initialDelaySeconds: 30
              periodSeconds: 15
              failureThreshold: 10
            }
            {
              type: 'Liveness'
              httpGet: { path: '/health/live', port: 9080 }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: { path: '/health/ready', port: 9080 }
              periodSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        // Never 0: workflow events, their retries and the pause probes are sent by a poller inside a replica,
        // so with no replica awake an event waits for the next request to wake one.
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-concurrency'
            http: { metadata: { concurrentRequests: '10' } }
          }
        ]
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output postgresHost string = baseSettings.PGHOST
