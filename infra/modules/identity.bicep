// The user-assigned managed identity the function app runs as: host storage, deployment package, the app's tables,
// Service Bus, Key Vault references and Application Insights all authenticate with it.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.managedidentity/2023-01-31/userassignedidentities
//            https://learn.microsoft.com/azure/active-directory/managed-identities-azure-resources/overview

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the resource.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
