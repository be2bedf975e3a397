var builder = DistributedApplication.CreateBuilder(args);

// The two lines of issue 19, on the sample app of the adoption issue (samples/MeetingApp). The app has no launch
// profile, so it gets its http endpoint here; it waits for the fake so its first booking finds the fake healthy.
var twilio = builder.AddFakeRooms("twilio").WithManualClock();
builder.AddProject<Projects.MeetingApp>("app")
    .WithHttpEndpoint()
    .WithReference(twilio)
    .WaitFor(twilio);

builder.Build().Run();
