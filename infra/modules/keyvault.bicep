// Key Vault (Azure RBAC authorization) holding the platform secrets (webhook secrets, access tokens, API keys).
// The app settings reference them as @Microsoft.KeyVault(SecretUri=...), resolved with the app's user-assigned
// identity (keyVaultReferenceIdentity, Key Vault Secrets User role). Secret values are never in these templates:
// the integrator sets them with `az keyvault secret set` (infra/README.md). The one exception is the storage
// connection string, written by storage-connection-secret.bicep while OrderSync.Core still needs one.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults
//            https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults/secrets
//            https://learn.microsoft.com/azure/key-vault/general/rbac-guide
//            https://learn.microsoft.com/azure/app-service/app-service-key-vault-references

@description('Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: a deleted vault cannot be purged before its retention ends. Cannot be turned off once on.')
param enablePurgeProtection bool

@description('Tags applied to the vault.')
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
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
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
