{{/*
Labels every object of the chart carries.
*/}}
{{- define "storefront.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: storefront
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels of one component, after the recommended app.kubernetes.io labels.
Usage: include "storefront.selectorLabels" (dict "component" "cart" "context" $)
*/}}
{{- define "storefront.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
{{- end }}
