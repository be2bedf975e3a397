var builder = DistributedApplication.CreateBuilder(args);

var twilio = builder.AddFakeRooms("twilio").WithManualClock();
builder.AddProject<Projects.FakeRooms_Aspire_Tests_App>("app")
    .WithHttpEndpoint()
    .WithReference(twilio)
    .WaitFor(twilio);

builder.Build().Run();
