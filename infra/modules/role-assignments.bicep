// Role assignments of the app's user-assigned identity, each scoped to the one resource it needs:
//   storage: Storage Blob Data Owner (host storage, deployment package), Storage Queue Data Contributor
//            (host queues, Durable task hub), Storage Table Data Contributor (OrderSync tables, Durable history);
//   Service Bus: Azure Service Bus Data Sender + Data Receiver;
//   Key Vault: Key Vault Secrets User (Key Vault references);
//   Application Insights: Monitoring Metrics Publisher (Entra ID authenticated telemetry).
// Optionally the deploying operator gets Key Vault Secrets Officer, to set the secrets.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.authorization/2022-04-01/roleassignments
//            https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
//            https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
//            https://learn.microsoft.com/azure/azure-resource-manager/bicep/scenarios-rbac

@description('Principal (object) id of the app identity.')
param principalId string

@description('Storage account name.')
param storageAccountName string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Key Vault name.')
param keyVaultName string

@description('Application Insights component name.')
param appInsightsName string

@description('Object id of a user or group given Key Vault Secrets Officer on the vault, to set the secrets. Empty: none.')
param keyVaultOperatorObjectId string = ''

@description('Principal type of keyVaultOperatorObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param keyVaultOperatorType string = 'User'

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

var serviceBusRoles = [
  roles.serviceBusDataSender
  roles.serviceBusDataReceiver
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource serviceBusAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in serviceBusRoles: {
    name: guid(serviceBus.id, principalId, role)
    scope: serviceBus
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultOperatorObjectId)) {
  name: guid(vault.id, keyVaultOperatorObjectId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: keyVaultOperatorObjectId
    principalType: keyVaultOperatorType
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
