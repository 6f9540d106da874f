// Production: zone-redundant storage, longer retention, purge protection, alerts e-mailed.
// Fill in the merchant and vendor settings and the alert addresses; secrets go to Key Vault, never here.
using 'main.bicep'

param environmentName = 'prod'
param namePrefix = 'ordersync'
param runtimeVersion = '10.0'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param storageSku = 'Standard_ZRS'
// OrderSync connects to its tables and queues with the app's identity: no account key (see main.bicep).
param allowStorageSharedKeyAccess = false
param logRetentionInDays = 90
param keyVaultSoftDeleteRetentionInDays = 90
param keyVaultPurgeProtection = true
// Object id of the operators' group allowed to set the secrets.
param keyVaultOperatorObjectId = ''
param keyVaultOperatorType = 'Group'
param serviceBusMaxDeliveryCount = 5
param serviceBusDuplicateDetectionWindow = 'PT1H'
param serviceBusLockDuration = 'PT5M'
param serviceBusMessageTimeToLive = 'P14D'
param alertEmails = [
  'ops@example.com'
]
param failedOrdersThreshold = 0
param awaitingTrackingLimitHours = 72

// Settings that are not secret (README.md "Configuration"; : written as __).
param orderSyncSettings = {
  OrderSync__Shopify__ApiVersion: '2026-07'
  OrderSync__Webhooks__MaxBodyBytes: '1048576'
  OrderSync__Merchants__0__Shop: 'merchant.myshopify.com'
  OrderSync__Merchants__0__EnableOrderSync: 'true'
  OrderSync__Merchants__0__PushOnlyIfPaid: 'true'
  OrderSync__Merchants__0__PushUnmappedProducts: 'false'
  OrderSync__Vendors__0__Id: 'vendor-1'
  OrderSync__Vendors__0__Kind: 'ShopifyStore'
  OrderSync__Vendors__0__ShopDomain: 'vendor.myshopify.com'
  OrderSync__PayPal__ApiBaseUrl: 'https://api-m.paypal.com'
  OrderSync__PayPal__Verification: 'Offline'
}

// Secret settings: app setting name -> Key Vault secret name (set the values with az keyvault secret set).
param keyVaultSettings = {
  OrderSync__Shopify__WebhookSecrets__0: 'shopify-webhook-secret-0'
  OrderSync__Merchants__0__AccessToken: 'merchant-0-access-token'
  OrderSync__Vendors__0__AccessToken: 'vendor-0-access-token'
  OrderSync__Stripe__WebhookSecrets__0: 'stripe-webhook-secret-0'
  OrderSync__Stripe__ApiKey: 'stripe-api-key'
  OrderSync__PayPal__WebhookId: 'paypal-webhook-id'
  OrderSync__PayPal__ClientId: 'paypal-client-id'
  OrderSync__PayPal__ClientSecret: 'paypal-client-secret'
}

param tags = {
  owner: 'ordersync-ops'
}
