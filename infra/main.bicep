// NkWatch on Azure: one resource group holding a Flex Consumption function app, its storage,
// Key Vault, monitoring and alerts. Deploy with `azd up`, or with
// `az deployment sub create -l <location> -f infra/main.bicep -p ...` (docs/deploy.md).
//
// Every parameter is listed in docs/deploy.md; a test keeps that table and this file in step.

targetScope = 'subscription'

// ---- Where and what to call it ----

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd: AZURE_ENV_NAME). Seeds resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or update; empty uses rg-<environmentName>.')
param resourceGroupName string = ''

// ---- People ----

@description('Object id of the operator who deploys (azd: AZURE_PRINCIPAL_ID); granted rights to upload config, use the queues and tables, and set secrets. Empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId names.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@minLength(3)
@description('Email address that receives the alerts (poison messages, failing feeds).')
param alertEmail string

// ---- App settings ----

@description('Sender address for digests and confirmations (SendGrid__From); a verified SendGrid sender.')
param sendGridFrom string = ''

@description('Postal address printed in email footers (App__OperatorAddress).')
param operatorPostalAddress string = ''

@description('Public key of SendGrid\'s signed event webhook (SendGrid__WebhookPublicKey); empty until the webhook is set up.')
param sendGridWebhookPublicKey string = ''

@description('Base of the links in emails (App__PublicBaseUrl); empty uses https://<function app host name>.')
param publicBaseUrl string = ''

@description('The appname ReliefWeb approved for this deployment (ReliefWeb__AppName); empty skips the reliefweb-api feed, which says so in its status.')
param reliefWebAppName string = ''

@description('NCRONTAB schedule (UTC) of the feed poller (PollSchedule).')
param pollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (UTC) of the digest scheduler (DigestSchedule).')
param digestSchedule string = '0 7-59/15 * * * *'

@description('Where the feed catalogue comes from (Feeds__Source): empty uses the feeds.json shipped in the package, or a blob URL in the config container.')
param feedsSource string = ''

@description('Where the classifier rules come from (Rules__Source): empty uses the rules.json shipped in the package, or a blob URL in the config container.')
param rulesSource string = ''

// ---- Secrets (best left empty: set them with az keyvault secret set) ----

@secure()
@description('SendGrid API key to store as the sendgrid-api-key secret; empty stores nothing.')
param sendGridApiKey string = ''

@secure()
@description('Token signing key (32+ random bytes, base64) to store as the app-token-key secret; empty stores nothing.')
param tokenKey string = ''

// ---- Scale, cost and alerting ----

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('How many distinct feeds failing within an hour raise the failing-feeds alert.')
@minValue(1)
param failingFeedsAlertThreshold int = 5

@description('Daily ingestion cap of the Log Analytics workspace, in GB.')
@minValue(1)
param logDailyCapGb int = 1

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'nkwatch'
}

var functionAppName = '${abbrs.webSitesFunctions}nkwatch-${resourceToken}'
var deploymentContainerName = 'app-package'
var configContainerName = 'config'

// Names the app relies on: the queue names are the contract between functions, and the host
// moves a message that fails maxDequeueCount times (host.json) to <queue>-poison, which is
// created here too so that it exists (and can be inspected) before the first failure.
var queues = [
  'feed-poll'
  'matches'
  'digests'
  'feed-poll-poison'
  'matches-poison'
  'digests-poison'
]
var tables = [
  'feedstate'
  'items'
  'matches'
  'matchterms'
  'stories'
  'subscribers'
  'digestlog'
  'ratelimits'
  'webhookevents'
]

var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  tokenKey: 'app-token-key'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? '${abbrs.resourcesResourceGroups}${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}nkwatch-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: [
      deploymentContainerName
      configContainerName
    ]
    queues: queues
    tables: tables
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    secretNames: secretNames
    sendGridApiKey: sendGridApiKey
    tokenKey: tokenKey
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    dailyCapGb: logDailyCapGb
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  // The app starts polling its queues as soon as it exists: let its roles exist first.
  dependsOn: [
    rbac
  ]
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    publicBaseUrl: publicBaseUrl
    appSettings: {
      PollSchedule: pollSchedule
      DigestSchedule: digestSchedule
      App__OperatorAddress: operatorPostalAddress
      App__TokenKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.tokenKey})'
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.sendGridApiKey})'
      SendGrid__From: sendGridFrom
      SendGrid__WebhookPublicKey: sendGridWebhookPublicKey
      Feeds__Source: feedsSource
      Rules__Source: rulesSource
      ReliefWeb__AppName: reliefWebAppName
    }
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: '${abbrs.insightsActionGroups}${resourceToken}'
    poisonAlertName: '${abbrs.insightsScheduledQueryRules}poison-${resourceToken}'
    feedFailureAlertName: '${abbrs.insightsScheduledQueryRules}feeds-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
    failingFeedsThreshold: failingFeedsAlertThreshold
  }
}

// ---- Outputs (azd stores them in .azure/<env>/.env; docs/deploy.md uses them) ----

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_ENDPOINT_URL string = functions.outputs.uri
output SENDGRID_EVENT_WEBHOOK_URL string = '${functions.outputs.uri}/api/sendgrid/events'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output CONFIG_CONTAINER_URL string = '${storage.outputs.blobEndpoint}${configContainerName}'
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
