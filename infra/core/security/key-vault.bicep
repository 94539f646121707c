// The vault that holds NkWatch's two secrets: the SendGrid API key and the key that signs
// subscription tokens. Access is by Azure RBAC only (no access policies); deleted secrets and the
// vault itself are recoverable for 90 days and cannot be purged early.
//
// A secret is written here only when its value is passed to the deployment. The recommended way
// is to leave the values empty and set them once with `az keyvault secret set` (docs/deploy.md):
// then the secret never passes through deployment parameters or history, and redeploying
// never overwrites a rotated value.

param name string
param location string
param tags { *: string }

@description('Names of the secrets the app settings refer to.')
param secretNames {
  sendGridApiKey: string
  tokenKey: string
}

@secure()
@description('SendGrid API key; empty writes no secret.')
param sendGridApiKey string

@secure()
@description('Token signing key; empty writes no secret.')
param tokenKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption resolves Key Vault references only from a vault without network
    // restrictions; access is still limited to identities holding a data-plane role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: secretNames.sendGridApiKey
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource tokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(tokenKey)) {
  parent: vault
  name: secretNames.tokenKey
  properties: {
    value: tokenKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
