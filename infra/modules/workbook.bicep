// Azure Monitor workbook for the portal: webhooks by source and outcome, orders by state, push latency, tracking lag,
// failures needing attention, and the dead-lettered order-signals messages.
// The OrderSync panels query the custom metrics the app exports to Application Insights, which a workspace-based
// component stores in the workspace table AppMetrics (Name, Sum, ItemCount, Max, Properties = the metric's
// dimensions). The metric names are listed in infra/README.md ("Telemetry the monitoring reads").
// Reference: https://learn.microsoft.com/azure/templates/microsoft.insights/2023-06-01/workbooks
//            https://learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate
//            https://learn.microsoft.com/azure/azure-monitor/reference/tables/appmetrics
//            https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-servicebus-namespaces-metrics

@description('Workbook title in the portal.')
param displayName string

@description('Azure region.')
param location string

@description('Log Analytics workspace the panels query.')
param workspaceId string

@description('Service Bus namespace whose dead-lettered messages are charted.')
param serviceBusNamespaceId string

@description('Queue whose dead-lettered messages are charted.')
param queueName string

@description('Tags applied to the workbook.')
param tags object = {}

// A log query panel over the workspace, in the time range picked at the top of the workbook.
func logPanel(name string, title string, query string, visualization string, workspace string) object => {
  type: 3
  name: name
  content: {
    version: 'KqlItem/1.0'
    title: title
    query: query
    size: 0
    timeContextFromParameter: 'TimeRange'
    queryType: 0
    resourceType: 'microsoft.operationalinsights/workspaces'
    crossComponentResources: [
      workspace
    ]
    visualization: visualization
  }
}

var gaugeValue = 'Value = Sum / iif(ItemCount > 0, ItemCount, 1)'

var items = [
  {
    type: 1
    name: 'title'
    content: {
      json: '# OrderSync\nWebhooks, orders, pushes and tracking as the app reports them, and the order-signals dead-letter queue. Metric names: infra/README.md.'
    }
  }
  {
    type: 9
    name: 'parameters'
    content: {
      version: 'KqlParameterItem/1.0'
      parameters: [
        {
          id: 'b5a7e0d2-6f1c-4b61-9c1e-0a1b2c3d4e01'
          name: 'TimeRange'
          label: 'Time range'
          type: 4
          isRequired: true
          value: {
            durationMs: 86400000
          }
          typeSettings: {
            selectableValues: [
              { durationMs: 3600000 }
              { durationMs: 14400000 }
              { durationMs: 86400000 }
              { durationMs: 604800000 }
              { durationMs: 2592000000 }
            ]
          }
        }
      ]
    }
  }
  logPanel(
    'webhooks',
    'Webhooks by source and outcome',
    'AppMetrics\n| where Name == "ordersync.webhooks.received"\n| extend source = tostring(Properties["source"]), outcome = tostring(Properties["outcome"])\n| summarize Deliveries = sum(Sum) by source, outcome\n| order by source asc, outcome asc',
    'table',
    workspaceId
  )
  logPanel(
    'webhooks-over-time',
    'Webhooks over time, by outcome',
    'AppMetrics\n| where Name == "ordersync.webhooks.received"\n| extend outcome = tostring(Properties["outcome"])\n| summarize Deliveries = sum(Sum) by bin(TimeGenerated, 1h), outcome',
    'timechart',
    workspaceId
  )
  logPanel(
    'orders-by-state',
    'Orders by state (latest count)',
    'AppMetrics\n| where Name == "ordersync.orders"\n| extend status = tostring(Properties["status"]), ${gaugeValue}\n| summarize arg_max(TimeGenerated, Value) by status\n| project status, Orders = Value\n| order by Orders desc',
    'barchart',
    workspaceId
  )
  logPanel(
    'push-latency',
    'Push latency to vendors (ms)',
    'AppMetrics\n| where Name == "ordersync.push.duration"\n| extend vendorKind = tostring(Properties["vendor_kind"])\n| summarize AverageMs = sum(Sum) / sum(ItemCount), MaxMs = max(Max) by bin(TimeGenerated, 1h), vendorKind',
    'timechart',
    workspaceId
  )
  logPanel(
    'tracking-lag',
    'Tracking lag: vendor shipped to target updated (s)',
    'AppMetrics\n| where Name == "ordersync.tracking.lag"\n| extend target = tostring(Properties["target"])\n| summarize AverageSeconds = sum(Sum) / sum(ItemCount), MaxSeconds = max(Max) by target',
    'table',
    workspaceId
  )
  logPanel(
    'attention',
    'Failures needing attention',
    'AppMetrics\n| where Name == "ordersync.attention.raised"\n| extend reason = tostring(Properties["reason"])\n| summarize Raised = sum(Sum) by reason\n| join kind=fullouter (\n    AppMetrics\n    | where Name == "ordersync.orders" and tostring(Properties["status"]) in ("failed", "attention")\n    | extend reason = strcat("orders now ", tostring(Properties["status"])), ${gaugeValue}\n    | summarize arg_max(TimeGenerated, Value) by reason\n    | project reason, Raised = Value\n  ) on reason\n| project reason = coalesce(reason, reason1), Raised = coalesce(Raised, Raised1)\n| order by Raised desc',
    'table',
    workspaceId
  )
  {
    type: 10
    name: 'dead-letters'
    content: {
      chartId: 'workbook-ordersync-dead-letters'
      version: 'MetricsItem/2.0'
      title: 'Dead-lettered order-signals messages'
      size: 0
      chartType: 2
      resourceType: 'microsoft.servicebus/namespaces'
      metricScope: 0
      resourceIds: [
        serviceBusNamespaceId
      ]
      timeContextFromParameter: 'TimeRange'
      timeContext: {
        durationMs: 86400000
      }
      metrics: [
        {
          namespace: 'microsoft.servicebus/namespaces'
          metric: 'microsoft.servicebus/namespaces--DeadletteredMessages'
          aggregation: 3
        }
      ]
      filters: [
        {
          key: 'EntityName'
          operator: 0
          values: [
            queueName
          ]
        }
      ]
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, workspaceId, 'ordersync-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: workspaceId
    version: 'Notebook/1.0'
    serializedData: string({
      version: 'Notebook/1.0'
      items: items
      isLocked: false
      fallbackResourceIds: [
        workspaceId
      ]
    })
  }
}

output id string = workbook.id
