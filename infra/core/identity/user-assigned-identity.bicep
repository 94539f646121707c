// The one identity the function app uses for everything: storage, Key Vault, Application Insights.
// User-assigned (not system-assigned) so that role assignments exist before the app does.

param name string
param location string
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
