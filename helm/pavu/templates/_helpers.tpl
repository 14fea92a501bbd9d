{{/* Chart name, at most 63 characters. */}}
{{- define "pavu.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: the release name, or <release>-<chart> when the release name does not contain the chart's. */}}
{{- define "pavu.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. Argument: dict "root" $ "component" "<service key or empty>". */}}
{{- define "pavu.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "pavu.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: pavu
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service. Argument: dict "root" $ "component" "<service key>". */}}
{{- define "pavu.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pavu.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The Secret that holds every password and token: secrets.existingSecret, or the one the chart makes. */}}
{{- define "pavu.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-credentials" (include "pavu.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* true when the services authenticate to Kafka with SASL (kafka.securityProtocol SASL_SSL or SASL_PLAINTEXT). */}}
{{- define "pavu.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol -}}true{{- end -}}
{{- end -}}

{{/* The Secret keys the enabled services read (newline-separated), for the check of a chart-made Secret. */}}
{{- define "pavu.requiredSecretKeys" -}}
{{ .Values.auth.serviceTokenKey }}
{{- range $name, $svc := .Values.services }}
{{- if $svc.enabled }}
{{ $svc.database.passwordKey }}
{{- if include "pavu.kafkaSasl" $ }}
{{ $svc.kafka.passwordKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "pavu.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "pavu.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* In-cluster URL of one service. Argument: dict "root" $ "component" "<service key>". */}}
{{- define "pavu.url" -}}
{{- $svc := index .root.Values.services .component -}}
{{- printf "http://%s-%s:%v" (include "pavu.fullname" .root) .component $svc.port -}}
{{- end -}}

{{/* "true" when the planner pushes result branches (gitPush.credentials not empty); fails without a Secret. */}}
{{- define "pavu.gitPush" -}}
{{- if .Values.gitPush.credentials -}}
{{- if not .Values.gitPush.existingSecret -}}
{{- fail "gitPush.existingSecret is required with gitPush.credentials: the Secret holding each credential's password or token" -}}
{{- end -}}
true
{{- end -}}
{{- end -}}
