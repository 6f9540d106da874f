// Log Analytics workspace and the workspace-based Application Insights component that the function app reports to.
// Local (key) authentication is off: the app sends telemetry with its managed identity
// (APPLICATIONINSIGHTS_AUTHENTICATION_STRING, Monitoring Metrics Publisher role, see role-assignments.bicep).
// Reference: https://learn.microsoft.com/azure/templates/microsoft.operationalinsights/2023-09-01/workspaces
//            https://learn.microsoft.com/azure/templates/microsoft.insights/2020-02-02/components
//            https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Days the workspace keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags applied to every resource.')
param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output workspaceId string = workspace.id
output workspaceName string = workspace.name
output appInsightsId string = appInsights.id
output appInsightsName string = appInsights.name
output appInsightsConnectionString string = appInsights.properties.ConnectionString
