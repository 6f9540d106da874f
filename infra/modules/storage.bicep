// The storage account: Functions host storage (AzureWebJobsStorage, the Durable Functions task hub), OrderSync's
// tables (order state, timeline, dedupe, correlations), and the blob container the Flex Consumption plan deploys
// the app package from.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts
//            https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts/blobservices/containers
//            https://learn.microsoft.com/azure/templates/microsoft.storage/2023-05-01/storageaccounts/tableservices
//            https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
//            sample: Azure/azure-quickstart-templates quickstarts/microsoft.web/function-app-flex-managed-identities

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Allow shared key (account key) authorization. False makes identity the only way in; see infra/README.md for what still needs a key.')
param allowSharedKeyAccess bool

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Tags applied to the resource.')
param tags object = {}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
