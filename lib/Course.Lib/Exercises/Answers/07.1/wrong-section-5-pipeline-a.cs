// Mistake: section 5's pipeline A, transcribed: no GatewayPrefix, so routing compares /api/orders with endpoints mapped as
// /orders and every request is a 404 (and the quota is missing).
// Expect: GatewayPrefix must come before your UseRouting()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
}
