// Alert rules: dead-lettered order-signals messages (Service Bus metric), orders failed, and orders waiting for
// tracking past a limit (log queries over the app's custom metrics in the workspace table AppMetrics).
// An action group e-mails the given addresses; without addresses the alerts show in the portal only.
// Reference: https://learn.microsoft.com/azure/templates/microsoft.insights/2023-01-01/actiongroups
//            https://learn.microsoft.com/azure/templates/microsoft.insights/2018-03-01/metricalerts
//            https://learn.microsoft.com/azure/templates/microsoft.insights/2023-12-01/scheduledqueryrules
//            https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-servicebus-namespaces-metrics
//            https://learn.microsoft.com/azure/azure-monitor/reference/tables/appmetrics

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Azure region of the log alert rules.')
param location string

@description('Log Analytics workspace the log alerts query.')
param workspaceId string

@description('Service Bus namespace of the order-signals queue.')
param serviceBusNamespaceId string

@description('Queue whose dead-lettered messages are alerted on.')
param queueName string

@description('E-mail addresses notified. Empty: no action group.')
param alertEmails string[]

@description('Alert when more orders than this are in status failed.')
param failedOrdersThreshold int

@description('Alert when an order has waited longer than this for tracking (status pushed), in hours.')
param awaitingTrackingLimitHours int

@description('Tags applied to every resource.')
param tags object = {}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmails)) {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(replace('os${namePrefix}', '-', ''), 12)
    enabled: true
    emailReceivers: [
      for (email, i) in alertEmails: {
        name: 'email-${i}'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroupIds = empty(alertEmails) ? [] : [actionGroup.id]

resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-lettered-signals'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message of the ${queueName} queue was dead-lettered: an order signal failed every delivery. Inspect the dead-letter queue and the order\'s timeline.'
    severity: 1
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLetteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                queueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      for id in actionGroupIds: {
        actionGroupId: id
      }
    ]
  }
}

resource failedOrders 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-orders-failed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: orders failed'
    description: 'More than ${failedOrdersThreshold} orders are in status failed (GET /api/orders?status=failed lists them; POST .../retry resumes one).'
    severity: 2
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'AppMetrics\n| where Name == "ordersync.orders" and tostring(Properties["status"]) == "failed"\n| summarize arg_max(TimeGenerated, Sum, ItemCount)\n| project FailedOrders = Sum / iif(ItemCount > 0, ItemCount, 1)'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'FailedOrders'
          operator: 'GreaterThan'
          threshold: failedOrdersThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

resource awaitingTracking 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-orders-awaiting-tracking'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: orders awaiting tracking past ${awaitingTrackingLimitHours} h'
    description: 'The oldest order pushed to a vendor and still without tracking has waited more than ${awaitingTrackingLimitHours} hours (GET /api/orders?status=pushed lists them).'
    severity: 3
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'AppMetrics\n| where Name == "ordersync.orders.oldest_age" and tostring(Properties["status"]) == "pushed"\n| summarize OldestHours = max(Max) / 3600.0'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'OldestHours'
          operator: 'GreaterThan'
          threshold: awaitingTrackingLimitHours
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

output deadLetterAlertId string = deadLetters.id
output failedOrdersAlertId string = failedOrders.id
output awaitingTrackingAlertId string = awaitingTracking.id
