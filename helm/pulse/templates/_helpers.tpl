{{/*
Name of the FlinkDeployment; the operator derives the Flink cluster id, the JobManager
Deployment, the pods' "app" label and the "<name>-rest" service from it.
*/}}
{{- define "pulse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 45 | trimSuffix "-" -}}
{{- else -}}
{{- .Release.Name | trunc 45 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pulse.labels" -}}
app.kubernetes.io/name: pulse
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Labels Flink's native Kubernetes integration puts on every pod of the cluster. */}}
{{- define "pulse.flinkPodSelector" -}}
app: {{ include "pulse.fullname" . }}
type: flink-native-kubernetes
{{- end -}}

{{- define "pulse.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "pulse.scoringConfigMap" -}}
{{- default (printf "%s-scoring-config" (include "pulse.fullname" .)) .Values.scoringConfig.existingConfigMap -}}
{{- end -}}

{{/* Where the scoring configuration is mounted; --config points into it. */}}
{{- define "pulse.configDir" -}}
/opt/pulse/config
{{- end -}}

{{/* Where the Kafka TLS Secret is mounted. */}}
{{- define "pulse.kafkaTlsDir" -}}
/etc/pulse/kafka-tls
{{- end -}}
