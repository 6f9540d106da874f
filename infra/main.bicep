// OrderSync on Azure: one resource group holding the Flex Consumption function app and everything it needs.
// Deploy with a parameter file:  az deployment group create -g <group> -f infra/main.bicep -p infra/dev.bicepparam
// The steps from an empty subscription to registered webhooks are in infra/README.md.
// Reference: https://learn.microsoft.com/azure/azure-resource-manager/bicep/modules
//            https://learn.microsoft.com/azure/azure-resource-manager/bicep/parameter-files
//            https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-string#uniquestring

targetScope = 'resourceGroup'

@description('Environment name; part of every resource name.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Azure region of every resource. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Short prefix of every resource name (letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'ordersync'

@description('.NET version of the isolated worker (functionAppConfig.runtime.version).')
param runtimeVersion string = '10.0'

@description('Most instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of one function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('''Allow account-key access to the storage account. Off (the default), OrderSync connects to its tables and
queues with the app's identity (OrderSync:Storage:TableServiceUri / QueueServiceUri / ManagedIdentityClientId), as the
Functions host, the deployment package and Service Bus do. On, it uses a key-based connection string instead, written
to Key Vault and referenced from the app settings (for tools that need a key).''')
param allowStorageSharedKeyAccess bool = false

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days a deleted Key Vault secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Key Vault purge protection (cannot be turned off again).')
param keyVaultPurgeProtection bool = false

@description('Object id of the user or group that sets the secrets (given Key Vault Secrets Officer). Empty: assign it yourself.')
param keyVaultOperatorObjectId string = ''

@description('Principal type of keyVaultOperatorObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param keyVaultOperatorType string = 'User'

@description('Deliveries of one order-signals message before it is dead-lettered.')
@minValue(1)
@maxValue(100)
param serviceBusMaxDeliveryCount int = 5

@description('Service Bus duplicate detection window (ISO 8601, PT20S to P7D).')
param serviceBusDuplicateDetectionWindow string = 'PT1H'

@description('Service Bus peek-lock duration (ISO 8601, at most PT5M).')
param serviceBusLockDuration string = 'PT5M'

@description('Time to live of an order-signals message (ISO 8601); expired messages are dead-lettered.')
param serviceBusMessageTimeToLive string = 'P14D'

@description('NCRONTAB schedule of the batch tracking poll (the TrackingPoll timer function).')
param trackingPollSchedule string = '0 */5 * * * *'

@description('Minutes between two refreshes of the order gauges (the OrderGaugeRefresh timer function); sets both its schedule and OrderSync:OrderGauges:Interval.')
@allowed([1, 2, 3, 5, 10, 15, 30])
param orderGaugeIntervalMinutes int = 5
@description('NCRONTAB schedule of the back-fill of merchant orders (the Backfill timer function).')
param backfillSchedule string = '0 0 * * * *'

@description('OrderSync settings that are not secret, as app settings (names with __ for :), e.g. OrderSync__Merchants__0__Shop.')
param orderSyncSettings object = {}

@description('Secret OrderSync settings: app setting name -> Key Vault secret name. Each becomes @Microsoft.KeyVault(SecretUri=...).')
param keyVaultSettings object = {}

@description('E-mail addresses the alerts are sent to. Empty: the alerts fire in the portal only.')
param alertEmails string[] = []

@description('Alert when more orders than this are in status failed.')
@minValue(0)
param failedOrdersThreshold int = 0

@description('Alert when an order has waited longer than this for tracking (status pushed), in hours.')
@minValue(1)
param awaitingTrackingLimitHours int = 72

@description('Tags applied to every resource.')
param tags object = {}

var queueName = 'order-signals'
var storageConnectionSecretName = 'storage-connection-string'
var token = take(uniqueString(subscription().id, resourceGroup().id, namePrefix, environmentName), 8)
var baseName = '${namePrefix}-${environmentName}'
var allTags = union({ application: 'OrderSync', environment: environmentName }, tags)

var names = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  storage: toLower(take('st${replace(namePrefix, '-', '')}${environmentName}${token}', 24))
  serviceBus: 'sb-${baseName}-${token}'
  keyVault: take('kv-${namePrefix}-${environmentName}-${token}', 24)
  plan: 'plan-${baseName}'
  functionApp: 'func-${baseName}-${token}'
  deploymentContainer: 'app-package'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionInDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    deploymentContainerName: names.deploymentContainer
    allowSharedKeyAccess: allowStorageSharedKeyAccess
    skuName: storageSku
    tags: allTags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    namespaceName: names.serviceBus
    location: location
    queueName: queueName
    maxDeliveryCount: serviceBusMaxDeliveryCount
    duplicateDetectionWindow: serviceBusDuplicateDetectionWindow
    lockDuration: serviceBusLockDuration
    messageTimeToLive: serviceBusMessageTimeToLive
    tags: allTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
    tags: allTags
  }
}

module storageConnection 'modules/storage-connection-secret.bicep' = if (allowStorageSharedKeyAccess) {
  name: 'storage-connection-secret'
  params: {
    keyVaultName: keyVault.outputs.name
    storageAccountName: storage.outputs.name
    secretName: storageConnectionSecretName
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultOperatorObjectId: keyVaultOperatorObjectId
    keyVaultOperatorType: keyVaultOperatorType
  }
}

var secretReferences = toObject(
  items(union(keyVaultSettings, allowStorageSharedKeyAccess ? { OrderSync__Storage__ConnectionString: storageConnectionSecretName } : {})),
  entry => entry.key,
  entry => '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${entry.value})'
)

var storageIdentitySettings = allowStorageSharedKeyAccess
  ? {}
  : {
      OrderSync__Storage__TableServiceUri: storage.outputs.tableEndpoint
      OrderSync__Storage__QueueServiceUri: storage.outputs.queueEndpoint
      OrderSync__Storage__ManagedIdentityClientId: identity.outputs.clientId
    }

var orderSyncPlatformSettings = {
  OrderSync__Storage__SignalQueue: queueName
  OrderSync__ServiceBus__QueueName: serviceBus.outputs.queueName
  TrackingPollSchedule: trackingPollSchedule
  // One number for both, so the gauges' staleness bound (twice the interval) always matches how often they are refreshed.
  OrderGaugeSchedule: '0 */${orderGaugeIntervalMinutes} * * * *'
  OrderSync__OrderGauges__Interval: '00:${padLeft(string(orderGaugeIntervalMinutes), 2, '0')}:00'
  BackfillSchedule: backfillSchedule
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    roles
    storageConnection
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    runtimeVersion: runtimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appSettings: union(orderSyncPlatformSettings, storageIdentitySettings, orderSyncSettings, secretReferences)
    tags: allTags
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    displayName: 'OrderSync (${environmentName})'
    location: location
    workspaceId: monitoring.outputs.workspaceId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    queueName: queueName
    tags: allTags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: baseName
    location: location
    workspaceId: monitoring.outputs.workspaceId
    serviceBusNamespaceId: serviceBus.outputs.namespaceId
    queueName: queueName
    alertEmails: alertEmails
    failedOrdersThreshold: failedOrdersThreshold
    awaitingTrackingLimitHours: awaitingTrackingLimitHours
    tags: allTags
  }
}

var baseUrl = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Function app name (for `func azure functionapp publish` / `az functionapp deployment source config-zip`).')
output functionAppName string = functionApp.outputs.name

@description('Key Vault that holds the platform secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Service Bus namespace and queue of the order signals.')
output serviceBusQueue string = '${serviceBus.outputs.fullyQualifiedNamespace}/${queueName}'

@description('Webhook URLs to register with the platforms (routes of OrderSync.Functions: api/webhooks/{source}[/{account}]).')
output webhookUrls object = {
  shopify: '${baseUrl}/webhooks/shopify'
  stripe: '${baseUrl}/webhooks/stripe'
  paypal: '${baseUrl}/webhooks/paypal'
  shipheroPattern: '${baseUrl}/webhooks/shiphero/{vendorId}'
  httpVendorPattern: '${baseUrl}/webhooks/vendors/{vendorId}'
}

@description('Base URL of the ops API (function keys required).')
output opsApiBaseUrl string = '${baseUrl}/orders'
