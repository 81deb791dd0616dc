//! The OpenAPI 3.1 description of the machine-readable routes. The answers' schemas are
//! derived by utoipa from the very types the handlers serialise; the parameters come from the
//! route table, their lists of values (cities, sectors, metrics) from the current data.

use serde_json::{Map, Value, json};
use utoipa::ToSchema;
use utoipa::openapi::{ComponentsBuilder, Info, OpenApiBuilder, Server};

use super::routes::{self, COMPARE_PARAMS, Param, ROUTES, Route, Schemas, Values, schema_of};
use crate::error::ApiErrorJson;

/// Why `/compare/chart.svg` may answer 404.
pub const NO_CHART: &str = "None of the chosen cities has figures to draw for the chosen metrics.";

/// The lists of values the data decides, read from the current data version.
pub struct Lists {
    pub cities: Vec<String>,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub metrics: Vec<String>,
    /// Metrics a scorecard may weight.
    pub weightable: Vec<String>,
    pub max_page_size: u32,
}

impl Values {
    /// The JSON Schema of one value.
    fn schema(self, lists: &Lists) -> Value {
        let words = |list: &[String]| json!({ "type": "string", "enum": list });
        match self {
            Values::City => words(&lists.cities),
            Values::Sector => words(&lists.sectors),
            Values::Country => words(&lists.countries),
            Values::Metric => words(&lists.metrics),
            Values::Weights => {
                let weight = json!({ "type": "number", "minimum": 0, "maximum": crate::scorecard::MAX_WEIGHT });
                let properties: Map<String, Value> =
                    lists.weightable.iter().map(|m| (format!("w.{m}"), weight.clone())).collect();
                json!({ "type": "object", "properties": properties, "additionalProperties": false })
            }
            Values::Axis => {
                let mut axes = vec!["score".to_string(), "coverage".to_string()];
                axes.extend(lists.weightable.iter().cloned());
                words(&axes)
            }
            Values::Words(list) => json!({ "type": "string", "enum": list }),
            Values::Integer(min, Some(max)) => json!({ "type": "integer", "minimum": min, "maximum": max }),
            Values::Integer(min, None) => json!({ "type": "integer", "minimum": min }),
            Values::PageSize => json!({ "type": "integer", "minimum": 1, "maximum": lists.max_page_size }),
            Values::Number(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
            Values::Text(max) => json!({ "type": "string", "maxLength": max }),
            Values::Cursor => json!({ "type": "integer" }),
        }
    }

    /// The values in words, for the `/api` page and the parameter's description.
    pub fn describe(self, lists: &Lists) -> String {
        match self {
            Values::City => crate::t1("api-values-city", "n", lists.cities.len()),
            Values::Sector => crate::t1("api-values-sector", "list", lists.sectors.join(", ")),
            Values::Country => crate::t1("api-values-country", "n", lists.countries.len()),
            Values::Metric => crate::t1("api-values-metric", "n", lists.metrics.len()),
            Values::Weights => {
                crate::t2("api-values-weights", "max", crate::scorecard::MAX_WEIGHT, "n", lists.weightable.len())
            }
            Values::Axis => crate::t("api-values-axis"),
            Values::Words(list) => list.join(&format!(" {} ", crate::t("api-values-or"))),
            Values::Integer(min, Some(max)) => crate::t2("api-values-integer-range", "min", min, "max", max),
            Values::Integer(min, None) => crate::t1("api-values-integer-from", "min", min),
            Values::PageSize => crate::t2("api-values-integer-range", "min", 1, "max", lists.max_page_size),
            Values::Number(min, max) => crate::t2("api-values-number", "min", min, "max", max),
            Values::Text(max) => crate::t1("api-values-text", "max", max),
            Values::Cursor => crate::t("api-values-cursor"),
        }
    }
}

/// A parameter of the route at `path` (whose catalogue entries say what it does).
fn parameter(p: &Param, path: &str, lists: &Lists) -> Value {
    let one = p.values.schema(lists);
    let description = format!("{} Values: {}.", routes::about(path, p.name), p.values.describe(lists));
    if p.in_path {
        return json!({ "name": p.name, "in": "path", "required": true, "description": description, "schema": one });
    }
    // Repeated values and the weights' object are both sent as `name=value` pairs, one per value.
    let exploded = p.repeated || matches!(p.values, Values::Weights);
    let schema = if p.repeated { json!({ "type": "array", "items": one }) } else { one };
    let mut param =
        json!({ "name": p.name, "in": "query", "required": false, "description": description, "schema": schema });
    if exploded {
        param["style"] = json!("form");
        param["explode"] = json!(true);
    }
    param
}

fn error(description: &str) -> Value {
    let name = ApiErrorJson::name();
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{name}") } } } })
}

/// The answers of a route: the document on success, and its errors as JSON.
fn responses(success: Value, params: &[Param], missing: Option<&str>) -> Value {
    let mut out = json!({ "200": success });
    if params.iter().any(|p| !p.in_path) {
        out["400"] = error(
            "A parameter the route cannot use: error.parameter names it, error.allowed (or error.allowed_parameters) lists what it accepts.",
        );
    }
    if let Some(why) = missing {
        out["404"] = error(why);
    }
    out
}

/// The operation at `path`, whose parameters are those of the route at `params_of`.
fn operation(
    id: String,
    summary: &str,
    (params, params_of): (&[Param], &str),
    lists: &Lists,
    ok: Value,
    missing: Option<&str>,
) -> Value {
    json!({
        "operationId": id,
        "summary": summary,
        "parameters": params.iter().map(|p| parameter(p, params_of, lists)).collect::<Vec<_>>(),
        "responses": responses(ok, params, missing),
    })
}

fn operation_id(path: &str) -> String {
    path.trim_start_matches('/').replace(['/', '.'], "_").replace(['{', '}'], "")
}

fn content(media: &str, schema: Value, description: &str) -> Value {
    json!({ "description": description, "content": { media: { "schema": schema } } })
}

fn route_paths(route: &Route, lists: &Lists, schemas: &mut Schemas, paths: &mut Map<String, Value>) {
    let name = (route.schema)(schemas);
    let ok = content("application/json", json!({ "$ref": format!("#/components/schemas/{name}") }), "The data.");
    let summary = routes::summary(route.path);
    let params = (route.params, route.path);
    let json_op = operation(operation_id(route.path), &summary, params, lists, ok, route.missing);
    paths.insert(route.path.into(), json!({ "get": json_op }));
    if let Some(csv) = route.csv {
        let ok = content("text/csv", json!({ "type": "string" }), "The same data as CSV (RFC 4180, CRLF line ends).");
        let summary = format!("{summary} As CSV.");
        let csv_op = operation(operation_id(csv), &summary, params, lists, ok, route.missing);
        paths.insert(csv.into(), json!({ "get": csv_op }));
    }
}

/// The whole description, for a server reached at `public_url` (if known).
pub fn document(lists: &Lists, public_url: Option<&str>, data_version: i64) -> Value {
    let mut schemas = Schemas::new();
    schema_of::<ApiErrorJson<'static>>(&mut schemas);
    let mut paths = Map::new();
    for route in ROUTES {
        route_paths(route, lists, &mut schemas, &mut paths);
    }
    let svg = content(
        "image/svg+xml",
        json!({ "type": "string" }),
        "The comparison's first chart as a standalone SVG file (styles inside, light and dark).",
    );
    let summary = crate::t("api-embed-chart-svg");
    let params = (COMPARE_PARAMS, "/compare.json");
    paths.insert(
        "/compare/chart.svg".into(),
        json!({ "get": operation("compare_chart_svg".into(), &summary, params, lists, svg, Some(NO_CHART)) }),
    );
    let whole = content("application/json", json!({ "type": "object" }), "This description.");
    paths.insert(
        "/openapi.json".into(),
        json!({ "get": { "operationId": "openapi_json", "summary": "This description.", "responses": { "200": whole } } }),
    );

    let mut info = Info::new("Clusterscope", env!("CARGO_PKG_VERSION"));
    info.description = Some(format!(
        "Technology clusters compared on cited figures: every figure carries its source, year and quote. \
         Data version {data_version}: the lists of cities, sectors and metrics below are those of this version."
    ));
    let doc = OpenApiBuilder::new()
        .info(info)
        .servers(public_url.map(|url| vec![Server::new(url)]))
        .components(Some(ComponentsBuilder::new().schemas_from_iter(schemas).build()))
        .build();
    let mut value = serde_json::to_value(doc).unwrap_or_default();
    value["paths"] = Value::Object(paths);
    value
}
