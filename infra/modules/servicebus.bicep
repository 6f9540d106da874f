// Service Bus namespace (Standard: sessions and duplicate detection need it) and the order-signals queue.
// Sessions: SessionId = the order key, so one order's signals are handled one at a time.
// Duplicate detection: MessageId = the webhook's dedupe key; a send repeated within the window is dropped.
// maxDeliveryCount: a message failing that many times goes to the dead-letter queue (alerted in alerts.bicep).
// Reference: https://learn.microsoft.com/azure/templates/microsoft.servicebus/2024-01-01/namespaces
//            https://learn.microsoft.com/azure/templates/microsoft.servicebus/2024-01-01/namespaces/queues
//            https://learn.microsoft.com/azure/service-bus-messaging/duplicate-detection
//            https://learn.microsoft.com/azure/service-bus-messaging/message-sessions

@description('Namespace name: 6-50 letters, digits and hyphens, globally unique.')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Azure region.')
param location string

@description('Queue name; the app reads it from OrderSync__ServiceBus__QueueName.')
param queueName string

@description('Deliveries before a message is dead-lettered.')
@minValue(1)
param maxDeliveryCount int

@description('Duplicate detection window (ISO 8601 duration, 20 seconds to 7 days).')
param duplicateDetectionWindow string

@description('Peek-lock duration (ISO 8601, at most PT5M).')
param lockDuration string

@description('Time to live of a message (ISO 8601). Expired messages are dead-lettered.')
param messageTimeToLive string

@description('Tags applied to the namespace.')
param tags object = {}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Identity only: no SAS keys are used by the app.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    enablePartitioning: false
  }
}

output namespaceId string = namespace.id
output namespaceName string = namespace.name
output queueName string = queue.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ (in every cloud): keep the host only.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
