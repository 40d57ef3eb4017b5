// /api/v1/terminal/*: what terminals call with their device token, and nothing else accepts it.

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "routes/RouteSupport.h"

namespace resv::server::routes {
namespace {

using http::Request;
using http::Response;

template <typename Handle>
http::Handler WithDevice(terminals::DeviceService& devices, Handle handle) {
    return [&devices, handle](const Request& request) {
        const auto device = devices.Authenticate(request.Header("authorization"));
        return handle(device, request);
    };
}

} // namespace

void AddDeviceRoutes(http::Router& router, const ResourceServices& services) {
    auto& devices = services.devices;
    using storage::DeviceIdentity;
    router.Add(
        "POST", "/api/v1/terminal/heartbeat",
        WithDevice(devices,
                   [&devices](const DeviceIdentity& device, const Request& request) {
                       const auto beat = http::ParseJsonBody(request).get<model::Heartbeat>();
                       return Response::Json(200, model::Json(devices.Heartbeat(device, beat)));
                   }),
        http::RouteOptions::JsonBody());
    router.Add("GET", "/api/v1/terminal/config",
               WithDevice(devices, [&devices](const DeviceIdentity& device, const Request&) {
                   return Response::Json(200, model::Json(devices.Config(device)));
               }));
    router.Add("POST", "/api/v1/terminal/config/ack",
               WithDevice(devices,
                          [&devices](const DeviceIdentity& device, const Request& request) {
                              const auto ack = http::ParseJsonBody(request).get<model::ConfigAck>();
                              devices.Acknowledge(device, ack, request.remoteIp);
                              return Response::NoContent();
                          }),
               http::RouteOptions::JsonBody());
    router.Add("POST", "/api/v1/terminal/calls",
               WithDevice(devices,
                          [&devices](const DeviceIdentity& device, const Request& request) {
                              const auto call =
                                  http::ParseJsonBody(request).get<model::CallReport>();
                              devices.RecordCall(device, call, request.remoteIp);
                              return Response::NoContent();
                          }),
               http::RouteOptions::JsonBody());
}

} // namespace resv::server::routes
