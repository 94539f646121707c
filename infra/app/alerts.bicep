// Emails the operator when work is being lost: a queue message was moved to a poison queue, or
// many feeds fail to poll.
//
// Both rules are log search alerts over Application Insights traces. Storage exposes queue length
// only as an account-wide metric (no per-queue dimension), so a metric alert cannot tell a
// poison queue from the live ones; the host, however, logs a warning each time it moves a
// message: "Message has reached MaxDequeueCount of 5. Moving message to queue '<name>-poison'."

param actionGroupName string
param poisonAlertName string
param feedFailureAlertName string
param location string
param tags { *: string }

@description('Resource id of the Application Insights component the rules query.')
param applicationInsightsId string

@description('Address that receives the alert emails.')
param alertEmail string

@description('Distinct feeds failing within an hour that count as "many".')
param failingFeedsThreshold int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'nkwatch'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource poisonMessages 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: poisonAlertName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'NkWatch: messages moved to a poison queue'
    description: 'A feed-poll, matches or digests message failed 5 times and was moved to its -poison queue. Inspect the poison queue, fix the cause, then re-queue or delete the message.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('alerts/poison-messages.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource feedFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: feedFailureAlertName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'NkWatch: many feeds failing'
    description: 'At least ${failingFeedsThreshold} distinct feeds logged "Feed poll failed" in the last hour. Check /api/health and the traces for the FeedId values.'
    severity: 3
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: loadTextContent('alerts/failing-feeds.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThanOrEqual'
          threshold: failingFeedsThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output actionGroupId string = actionGroup.id
