// Writes the storage account's key-based connection string as a Key Vault secret, for OrderSync:Storage:ConnectionString
// (OrderSync.Core opens its tables and its storage queue with a connection string today). Deployed only while
// allowStorageSharedKeyAccess is true; the value never appears in an output or an app setting, only the reference.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults/secrets
//            https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-resource#listkeys
//            https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string

@description('Key Vault the secret is written to.')
param keyVaultName string

@description('Storage account whose first key builds the connection string.')
param storageAccountName string

@description('Name of the secret.')
param secretName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    contentType: 'Azure Storage connection string'
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

output name string = secret.name
