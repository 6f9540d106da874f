// Flex Consumption plan (FC1) and the .NET isolated function app (runtime dotnet-isolated) running as the
// user-assigned identity. The app package is deployed to a blob container read with that identity; host storage,
// Service Bus and Application Insights use identity-based connections; platform secrets are Key Vault references
// resolved with the same identity (keyVaultReferenceIdentity).
// Reference: https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/serverfarms
//            https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/sites
//            https://learn.microsoft.com/azure/templates/microsoft.web/2024-04-01/sites/config-appsettings
//            https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to
//            https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
//            https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger#identity-based-connections
//            https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
//            sample: Azure/azure-quickstart-templates quickstarts/microsoft.web/function-app-flex-managed-identities
//            sample: Azure-Samples/azure-functions-flex-consumption-samples (IaC/bicep)

@description('Function app name (its host name is <name>.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (for the identity-based connections).')
param identityClientId string

@description('Storage account of the host (AzureWebJobsStorage) and the deployment container.')
param storageAccountName string

@description('URL of the blob container the app package is deployed to.')
param deploymentContainerUrl string

@description('.NET version of the isolated worker (functionAppConfig.runtime.version).')
param runtimeVersion string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of one instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Fully qualified Service Bus namespace (<name>.servicebus.windows.net).')
param serviceBusFullyQualifiedNamespace string

@description('App settings added to the platform ones (OrderSync settings, Key Vault references). Names use __ for :.')
param appSettings object

@description('Tags applied to every resource.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

// Flex Consumption takes the worker runtime from functionAppConfig.runtime: FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not app settings there.
var platformSettings = {
  // Host storage (and the Durable Functions task hub on Azure Storage) with the user-assigned identity.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // The Service Bus trigger and output use Connection = "ServiceBusConnection".
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  // Application Insights with Entra ID authentication (local auth is off on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(platformSettings, appSettings)
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
